package io.challengeradar.serving.model;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sentence-transformers encoder (all-MiniLM-L6-v2 by default) run by DJL: HuggingFace tokenizer,
 * an ONNX (or TorchScript) transformer, then mean pooling over the real tokens and L2
 * normalisation, so cosine similarity is a dot product.
 *
 * <p>A batch runs as groups of captions of similar length ({@link #MAX_PADDING_SHARE}), each
 * padded to its own longest, so short captions do not pay for a long one's tokens.
 *
 * <p>Pooling runs in plain Java on the model's output rather than as NDArray operations, because
 * the ONNX Runtime engine has no NDArray maths of its own and would otherwise load PyTorch for it.
 */
public final class SentenceEncoder implements AutoCloseable {

  public static final int DEFAULT_MAX_TOKENS = 256;
  public static final int DEFAULT_DIMENSION = 384;

  /**
   * One caption's vector.
   *
   * @param vector unit-length embedding
   * @param tokens tokens the model saw, special tokens included
   * @param truncated whether the caption was cut to the model's token limit
   */
  public record Embedding(float[] vector, int tokens, boolean truncated) {}

  private final ZooModel<NDList, NDList> model;
  private final HuggingFaceTokenizer tokenizer;
  private final int dimension;
  private final int maxTokens;

  private SentenceEncoder(
      ZooModel<NDList, NDList> model, HuggingFaceTokenizer tokenizer, int dimension, int maxTokens) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.dimension = dimension;
    this.maxTokens = maxTokens;
  }

  /**
   * Loads the model and tokenizer named by the spec's {@code model.file} and {@code
   * tokenizer.file}, on the spec's device.
   */
  public static SentenceEncoder load(ModelSpec spec)
      throws IOException, ModelNotFoundException, MalformedModelException {
    Path modelFile = spec.file("model.file", "model.onnx");
    Path tokenizerFile = spec.file("tokenizer.file", "tokenizer.json");
    for (Path f : List.of(modelFile, tokenizerFile)) {
      if (!Files.isRegularFile(f)) {
        throw new IOException(
            "model "
                + spec.name()
                + " version "
                + spec.version()
                + " is missing "
                + f
                + " (build the serving module with ./mvnw package to unpack it)");
      }
    }
    int maxTokens = spec.integer("max.tokens", DEFAULT_MAX_TOKENS);
    if (maxTokens < 2) {
      throw new IOException("max.tokens must be at least 2, was " + maxTokens);
    }
    String engine = spec.engine().equals("builtin") ? "OnnxRuntime" : spec.engine();
    ai.djl.engine.Engine djlEngine = ai.djl.engine.Engine.getEngine(engine);
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(modelFile.getParent())
            .optModelName(stripExtension(modelFile.getFileName().toString()))
            .optEngine(engine)
            .optDevice(spec.device().resolve(djlEngine, spec.name()))
            .optTranslator(new NoopTranslator())
            .build();
    int intraOpThreads = spec.integer(TextEncoderOptions.INTRA_OP_THREADS_PROPERTY, 0);
    if (intraOpThreads > 0) {
      // DJL hands this to ONNX Runtime's session options; other engines ignore it.
      criteria = criteria.toBuilder()
          .optOption("intraOpNumThreads", Integer.toString(intraOpThreads)).build();
    }
    ZooModel<NDList, NDList> model = criteria.loadModel();
    try {
      HuggingFaceTokenizer tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(tokenizerFile)
              .optAddSpecialTokens(true)
              .optTruncation(true)
              .optMaxLength(maxTokens)
              .optPadding(false)
              .build();
      return new SentenceEncoder(
          model, tokenizer, spec.integer("dimension", DEFAULT_DIMENSION), maxTokens);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  public int dimension() {
    return dimension;
  }

  public int maxTokens() {
    return maxTokens;
  }

  /** A predictor for one worker thread; DJL predictors are not thread-safe, the tokenizer is. */
  public BatchPredictor<String, Embedding> newPredictor() {
    Predictor<NDList, NDList> predictor = model.newPredictor();
    return new BatchPredictor<>() {
      @Override
      public List<Embedding> predict(List<String> batch) throws Exception {
        return embed(predictor, batch);
      }

      @Override
      public void close() {
        predictor.close();
      }
    };
  }

  /**
   * Most padding a group of captions may carry, as a share of its real tokens. Captions are run in
   * groups of similar length, shortest first, instead of all padded to the batch's longest: real
   * captions range from a few tokens to the limit, and one long caption would otherwise make every
   * caption of its batch cost as much as it does.
   */
  static final double MAX_PADDING_SHARE = 0.25;

  private List<Embedding> embed(Predictor<NDList, NDList> predictor, List<String> texts)
      throws Exception {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    Embedding[] out = new Embedding[encodings.length];
    for (int[] group : groupsBySimilarLength(encodings)) {
      run(predictor, encodings, group, out);
    }
    return List.of(out);
  }

  /** Each text's token count as the model sees it (special tokens included), for profiles. */
  public int[] tokenCounts(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int[] counts = new int[encodings.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = encodings[i].getIds().length;
    }
    return counts;
  }

  /**
   * Tokens the forward passes over one batch of these lengths compute, padding included: in
   * groups of similar length as {@link #newPredictor} runs them, or all padded to the longest.
   */
  public static long paddedTokens(int[] lengths, boolean grouped) {
    List<int[]> groups = grouped ? groupsBySimilarLength(lengths)
        : List.of(java.util.stream.IntStream.range(0, lengths.length).toArray());
    long tokens = 0;
    for (int[] group : groups) {
      int longest = 0;
      for (int i : group) {
        longest = Math.max(longest, lengths[i]);
      }
      tokens += (long) longest * group.length;
    }
    return tokens;
  }

  /** Indices of the encodings in groups: by length, each group's padding within the bound. */
  static List<int[]> groupsBySimilarLength(Encoding[] encodings) {
    int[] lengths = new int[encodings.length];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = encodings[i].getIds().length;
    }
    return groupsBySimilarLength(lengths);
  }

  /** As above, on token counts alone. */
  static List<int[]> groupsBySimilarLength(int[] lengths) {
    Integer[] order = new Integer[lengths.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> lengths[i]));
    List<int[]> groups = new ArrayList<>();
    List<Integer> group = new ArrayList<>();
    long real = 0;
    for (int i : order) {
      long padded = (long) lengths[i] * (group.size() + 1);
      if (!group.isEmpty() && padded > (1 + MAX_PADDING_SHARE) * (real + lengths[i])) {
        groups.add(group.stream().mapToInt(Integer::intValue).toArray());
        group.clear();
        real = 0;
      }
      group.add(i);
      real += lengths[i];
    }
    if (!group.isEmpty()) {
      groups.add(group.stream().mapToInt(Integer::intValue).toArray());
    }
    return groups;
  }

  /** One forward pass over the encodings {@code group} names, padded to its longest. */
  private void run(Predictor<NDList, NDList> predictor, Encoding[] encodings, int[] group,
      Embedding[] out) throws Exception {
    int batch = group.length;
    int seq = 0;
    for (int i : group) {
      seq = Math.max(seq, encodings[i].getIds().length);
    }
    long[] ids = new long[batch * seq];
    long[] mask = new long[batch * seq];
    long[] types = new long[batch * seq];
    for (int b = 0; b < batch; b++) {
      Encoding e = encodings[group[b]];
      int n = e.getIds().length;
      System.arraycopy(e.getIds(), 0, ids, b * seq, n);
      System.arraycopy(e.getAttentionMask(), 0, mask, b * seq, n);
      System.arraycopy(e.getTypeIds(), 0, types, b * seq, n);
    }
    float[] hidden;
    try (NDManager manager = model.getNDManager().newSubManager()) {
      Shape shape = new Shape(batch, seq);
      NDArray idArray = manager.create(ids, shape);
      idArray.setName("input_ids");
      NDArray maskArray = manager.create(mask, shape);
      maskArray.setName("attention_mask");
      NDArray typeArray = manager.create(types, shape);
      typeArray.setName("token_type_ids");
      NDList result = predictor.predict(new NDList(idArray, maskArray, typeArray));
      NDArray last = result.get(0);
      if (last.getShape().dimension() != 3 || last.getShape().get(2) != dimension) {
        throw new IllegalStateException(
            "expected token embeddings of shape (batch, tokens, "
                + dimension
                + "), got "
                + last.getShape());
      }
      hidden = last.toFloatArray();
    }
    for (int b = 0; b < batch; b++) {
      out[group[b]] = pool(hidden, mask, b, seq, encodings[group[b]].exceedMaxLength());
    }
  }

  /** Mean of the token vectors under the attention mask, then L2-normalised. */
  private Embedding pool(float[] hidden, long[] mask, int b, int seq, boolean truncated) {
    double[] sum = new double[dimension];
    int tokens = 0;
    for (int t = 0; t < seq; t++) {
      if (mask[b * seq + t] == 0) {
        continue;
      }
      tokens++;
      int base = (b * seq + t) * dimension;
      for (int d = 0; d < dimension; d++) {
        sum[d] += hidden[base + d];
      }
    }
    double norm = 0;
    for (int d = 0; d < dimension; d++) {
      sum[d] /= Math.max(tokens, 1);
      norm += sum[d] * sum[d];
    }
    norm = Math.max(Math.sqrt(norm), 1e-12);
    float[] vector = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      vector[d] = (float) (sum[d] / norm);
    }
    return new Embedding(vector, tokens, truncated);
  }

  @Override
  public void close() {
    tokenizer.close();
    model.close();
  }

  private static String stripExtension(String file) {
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }
}
