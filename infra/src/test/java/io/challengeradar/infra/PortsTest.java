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
