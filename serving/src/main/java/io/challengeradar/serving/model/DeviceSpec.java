package io.challengeradar.serving.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** A device named in configuration: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. */
public record DeviceSpec(boolean gpu, int index) {

  public static final DeviceSpec CPU = new DeviceSpec(false, -1);

  public DeviceSpec {
    if (gpu && index < 0) {
      throw new IllegalArgumentException("gpu index must be 0 or more, was " + index);
    }
  }

  public static DeviceSpec parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("cpu")) {
      return CPU;
    }
    if (t.equals("gpu")) {
      return new DeviceSpec(true, 0);
    }
    if (t.startsWith("gpu:")) {
      try {
        return new DeviceSpec(true, Integer.parseInt(t.substring(4)));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("device must be cpu, gpu or gpu:N, was '" + text + "'");
  }

  /**
   * The DJL device, after checking that the engine can see it; asking for a GPU on a machine or a
   * build without one fails here, at start, rather than on the first request.
   */
  public Device resolve(Engine engine, String model) {
    if (!gpu) {
      return Device.cpu();
    }
    int visible = engine.getGpuCount();
    if (index >= visible) {
      throw new DeviceUnavailableException(
          "model "
              + model
              + " asks for device "
              + this
              + " but engine "
              + engine.getEngineName()
              + " sees "
              + visible
              + " GPU(s); run on a GPU node with CUDA and a build made with -Pgpu, or set"
              + " device=cpu");
    }
    return Device.gpu(index);
  }

  @Override
  public String toString() {
    return gpu ? "gpu:" + index : "cpu";
  }
}
