package io.challengeradar.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import io.challengeradar.serving.testing.TestModels;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {

  @Test
  void parsesCpuGpuAndIndexedGpu() {
    assertThat(DeviceSpec.parse("cpu")).isEqualTo(DeviceSpec.CPU);
    assertThat(DeviceSpec.parse("GPU")).isEqualTo(new DeviceSpec(true, 0));
    assertThat(DeviceSpec.parse("gpu:3")).isEqualTo(new DeviceSpec(true, 3));
    assertThat(DeviceSpec.parse("gpu:3").toString()).isEqualTo("gpu:3");
  }

  @Test
  void rejectsUnknownDevicesNamingTheValue() {
    assertThatThrownBy(() -> DeviceSpec.parse("tpu")).hasMessageContaining("'tpu'");
    assertThatThrownBy(() -> DeviceSpec.parse("gpu:x")).hasMessageContaining("gpu:N");
  }

  @Test
  void failsAtStartWithAClearMessageWhenTheGpuIsNotThere() {
    TestModels.store(); // DJL offline, cache inside the build folder
    Engine ort = Engine.getEngine("OnnxRuntime");
    int visible = ort.getGpuCount();
    DeviceSpec missing = new DeviceSpec(true, visible);

    assertThatThrownBy(() -> missing.resolve(ort, "minilm"))
        .isInstanceOf(DeviceUnavailableException.class)
        .hasMessageContaining("model minilm asks for device gpu:" + visible)
        .hasMessageContaining("sees " + visible + " GPU(s)")
        .hasMessageContaining("-Pgpu");
    assertThat(DeviceSpec.CPU.resolve(ort, "minilm").isGpu()).isFalse();
  }

  @Test
  void aStoreWideDeviceOverrideIsCheckedUpFront() {
    assertThatThrownBy(() -> new ModelStore(java.nio.file.Path.of("x"), "gpu:-1"))
        .hasMessageContaining("gpu");
  }
}
