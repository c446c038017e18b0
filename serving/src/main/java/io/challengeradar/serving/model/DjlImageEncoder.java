package io.challengeradar.serving.model;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.challengeradar.serving.engine.BatchPredictor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A visual encoder backed by any DJL image model (a TorchScript or ONNX ResNet-50, VGG16, ...)
 * taking a float tensor of shape (frames, 3, size, size) normalised with the ImageNet mean and
 * standard deviation. The first output, flattened per frame, is the frame's vector; a video's
 * vector is the mean over its frames, L2-normalised.
 *
 * <p>Frames are resized and normalised in Java so that an engine without NDArray image operations
 * (ONNX Runtime) needs no helper engine.
 */
public final class DjlImageEncoder implements AutoCloseable {

  public static final int DEFAULT_IMAGE_SIZE = 224;
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  private final ZooModel<NDList, NDList> model;
  private final int size;

  private DjlImageEncoder(ZooModel<NDList, NDList> model, int size) {
    this.model = model;
    this.size = size;
  }

  /** Loads {@code model.file} from the spec's folder with the spec's engine and device. */
  public static DjlImageEncoder load(ModelSpec spec)
      throws IOException, ModelNotFoundException, MalformedModelException {
    Path file = spec.file("model.file", "model.onnx");
    if (!Files.isRegularFile(file)) {
      throw new IOException("model " + spec.name() + " version " + spec.version() + " is missing " + file);
    }
    int size = spec.integer("image.size", DEFAULT_IMAGE_SIZE);
    if (size < 8) {
      throw new IOException("image.size must be at least 8, was " + size);
    }
    Engine engine = Engine.getEngine(spec.engine());
    String name = file.getFileName().toString();
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(file.getParent())
            .optModelName(name.substring(0, name.lastIndexOf('.') > 0 ? name.lastIndexOf('.') : name.length()))
            .optEngine(spec.engine())
            .optDevice(spec.device().resolve(engine, spec.name()))
            .optTranslator(new NoopTranslator())
            .build();
    return new DjlImageEncoder(criteria.loadModel(), size);
  }

  public BatchPredictor<List<BufferedImage>, float[]> newPredictor() {
    Predictor<NDList, NDList> predictor = model.newPredictor();
    return new BatchPredictor<>() {
      @Override
      public List<float[]> predict(List<List<BufferedImage>> batch) throws Exception {
        return encode(predictor, batch);
      }

      @Override
      public void close() {
        predictor.close();
      }
    };
  }

  private List<float[]> encode(Predictor<NDList, NDList> predictor, List<List<BufferedImage>> videos)
      throws Exception {
    int frames = 0;
    for (List<BufferedImage> v : videos) {
      frames += v.size();
    }
    int plane = size * size;
    float[] pixels = new float[frames * 3 * plane];
    int f = 0;
    for (List<BufferedImage> v : videos) {
      for (BufferedImage img : v) {
        writeFrame(img, pixels, f++ * 3 * plane);
      }
    }
    float[] features;
    int width;
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray input = manager.create(pixels, new Shape(frames, 3, size, size));
      NDArray out = predictor.predict(new NDList(input)).get(0);
      width = (int) (out.getShape().size() / frames);
      features = out.toFloatArray();
    }
    List<float[]> result = new ArrayList<>(videos.size());
    int row = 0;
    for (List<BufferedImage> v : videos) {
      double[] sum = new double[width];
      for (int i = 0; i < v.size(); i++, row++) {
        for (int d = 0; d < width; d++) {
          sum[d] += features[row * width + d];
        }
      }
      result.add(Vectors.normalise(sum));
    }
    return result;
  }

  private void writeFrame(BufferedImage source, float[] out, int offset) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(source, 0, 0, size, size, null);
    } finally {
      g.dispose();
    }
    int plane = size * size;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int rgb = img.getRGB(x, y);
        int p = y * size + x;
        out[offset + p] = (((rgb >> 16) & 0xff) / 255f - MEAN[0]) / STD[0];
        out[offset + plane + p] = (((rgb >> 8) & 0xff) / 255f - MEAN[1]) / STD[1];
        out[offset + 2 * plane + p] = ((rgb & 0xff) / 255f - MEAN[2]) / STD[2];
      }
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
