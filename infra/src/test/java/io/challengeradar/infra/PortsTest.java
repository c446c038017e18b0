package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PortsTest {

  @RepeatedTest(20)
  void aRangeLiesBelowTheEphemeralPortsAndEveryNeededPortInItIsFree() {
    int base = Ports.freeRange(103, offset -> offset < 3 || offset >= 100);

    assertThat(base).isGreaterThanOrEqualTo(Ports.LOWEST);
    assertThat(base + 103).isLessThanOrEqualTo(Ports.ephemeralStart());
    for (int offset : new int[] {0, 1, 2, 100, 101, 102}) {
      assertThat(Ports.isFree(base + offset)).as("port %d", base + offset).isTrue();
    }
  }

  @Test
  void aSinglePortIsNeverOneTheKernelHandsToOutgoingConnections() {
    assertThat(Ports.anyFree()).isBetween(Ports.LOWEST, Ports.ephemeralStart() - 1);
  }

  @Test
  void portsAskedForOneAfterTheOtherAreNeverTheSame() {
    // 500 draws from about 22,000 ports: at random, some two would coincide (birthday odds).
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < 500; i++) {
      assertThat(seen.add(Ports.anyFree())).as("draw %d", i).isTrue();
    }
    int base = Ports.freeRange(3, offset -> true);
    assertThat(seen).doesNotContain(base, base + 1, base + 2);
  }

  @Test
  void aPortSomeoneListensOnIsNotFree() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(Ports.isFree(taken.getLocalPort())).isFalse();
    }
  }

  @Test
  void aRangeWiderThanTheRoomBelowTheEphemeralPortsIsRefused() {
    assertThatThrownBy(() -> Ports.freeRange(Ports.ephemeralStart(), offset -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ephemeral");
  }
}
