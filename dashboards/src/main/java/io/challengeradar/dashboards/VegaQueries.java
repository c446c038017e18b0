package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Vega panel's Elasticsearch queries as Kibana runs them: each {@code data} whose {@code url} is
 * an object is a search, whose placeholders Kibana fills before sending it (its Vega plugin's
 * query parser, reproduced here): {@code %context%} and {@code %timefield%} make the query the
 * dashboard context with a range on the time field; {@code %dashboard_context-must_clause%},
 * {@code -filter_clause%} and {@code -must_not_clause%} in a query's arrays become the context's
 * clauses; {@code {"%timefilter%": "min"|"max"}} the range's bound in epoch millis and
 * {@code {"%timefilter%": true}} a range object; a date histogram's {@code interval} (a string or
 * {@code {"%autointerval%": true|N}}, about N buckets, 50 by default) its {@code fixed_interval}
 * or {@code calendar_interval}. Kibana then hands the raw response to the spec as the data's
 * {@code values}, which {@link #inline} does too.
 */
public final class VegaQueries {
  static final String CONTEXT = "%context%";
  static final String TIMEFIELD = "%timefield%";
  static final String TIMEFILTER = "%timefilter%";
  static final String AUTOINTERVAL = "%autointerval%";
  static final Map<String, String> CLAUSES = Map.of(
      "%dashboard_context-must_clause%", "must",
      "%dashboard_context-filter_clause%", "filter",
      "%dashboard_context-must_not_clause%", "must_not");
  private static final Pattern INTERVAL = Pattern.compile("(\\d+)(ms|s|m|h|d|w|M|q|y)");

  private VegaQueries() {}

  /**
   * One data source of a spec that queries Elasticsearch.
   *
   * @param name the data's name (Kibana's "Unnamed request #N" when it has none)
   * @param data the data object, which {@link #inline} changes
   * @param url its url object, as written
   */
  public record DataUrl(String name, ObjectNode data, ObjectNode url) {}

  /** A filled query: the index (pattern) and the search body Kibana sends. */
  public record Search(String index, ObjectNode body) {}

  /** Every data object of {@code spec}, at any depth (Vega-Lite layers have their own). */
  public static List<DataUrl> urls(JsonNode spec) {
    List<DataUrl> out = new ArrayList<>();
    collect(spec, out);
    return out;
  }

  private static void collect(JsonNode node, List<DataUrl> out) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (e.getKey().equals("data")) {
          for (JsonNode d : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
            if (d instanceof ObjectNode data && data.get("url") instanceof ObjectNode url) {
              out.add(new DataUrl(data.path("name").asText("Unnamed request #" + out.size()),
                  data, url));
            }
          }
        }
        collect(e.getValue(), out);
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(n -> collect(n, out));
    }
  }

  /** The search Kibana sends for {@code url} in {@code context}. */
  public static Search fill(ObjectNode url, KibanaContext context) {
    ObjectNode u = url.deepCopy();
    JsonNode contextFlag = u.remove(CONTEXT);
    JsonNode timefield = u.remove(TIMEFIELD);
    boolean usesContext = contextFlag != null || timefield != null;
    if (!u.has("body")) {
      u.putObject("body");
    }
    if (!(u.get("body") instanceof ObjectNode body)) {
      throw new DashboardException("url.body must be an object");
    }
    if (body.has("query")) {
      if (usesContext) {
        throw new DashboardException("url.%context% and url.%timefield% must not be used when"
            + " url.body.query is set");
      }
      inject(body.get("query"), true, null, context);
    } else if (usesContext) {
      ObjectNode query = null;
      if (timefield != null && !timefield.asText().isEmpty()) {
        query = JsonNodeFactory.instance.objectNode();
        query.putObject("range").set(timefield.asText(), context.range());
      }
      if (contextFlag != null && contextFlag.asBoolean()) {
        ObjectNode withContext = context.bool();
        if (query != null) {
          ((ArrayNode) withContext.path("bool").path("must")).add(query);
        }
        query = withContext;
      }
      if (query != null) {
        body.set("query", query);
      }
    }
    if (body.has("aggs")) {
      inject(body.get("aggs"), false, null, context);
    }
    if (!u.path("index").isTextual()) {
      throw new DashboardException("url.index must name the index to search");
    }
    return new Search(u.get("index").asText(), body);
  }

  private static void inject(JsonNode node, boolean isQuery, String key, KibanaContext context) {
    if (node instanceof ArrayNode a) {
      for (int pos = 0; pos < a.size(); ) {
        JsonNode item = a.get(pos);
        String clause = isQuery && item.isTextual() ? CLAUSES.get(item.asText()) : null;
        if (clause != null) {
          a.remove(pos);
          for (JsonNode c : context.bool().path("bool").path(clause)) {
            a.insert(pos++, c);
          }
        } else {
          inject(item, isQuery, null, context);
          pos++;
        }
      }
      return;
    }
    if (!(node instanceof ObjectNode o)) {
      return;
    }
    for (String prop : iterable(o.fieldNames())) {
      JsonNode sub = o.get(prop);
      if (sub == null || sub.isNull()) {
        continue;
      }
      if (prop.equals("interval") && "date_histogram".equals(key)) {
        String interval = sub.isTextual() ? sub.asText() : autoInterval(sub, context);
        o.remove("interval");
        o.put(isCalendar(interval) ? "calendar_interval" : "fixed_interval", interval);
        continue;
      }
      JsonNode timefilter = sub.get(TIMEFILTER);
      if (timefilter == null) {
        inject(sub, isQuery, prop, context);
      } else if (timefilter.isTextual() && (timefilter.asText().equals("min")
          || timefilter.asText().equals("max"))) {
        o.put(prop, bound(sub, timefilter.asText(), context));
      } else if (timefilter.isBoolean() && timefilter.asBoolean()) {
        ObjectNode range = (ObjectNode) sub;
        range.put("gte", java.time.Instant.ofEpochMilli(bound(sub, "min", context)).toString());
        range.put("lte", java.time.Instant.ofEpochMilli(bound(sub, "max", context)).toString());
        range.put("format", "strict_date_optional_time");
        range.remove(List.of(TIMEFILTER, "shift", "unit"));
      } else {
        throw new DashboardException(TIMEFILTER + " must be true, \"min\" or \"max\"");
      }
    }
  }

  private static String autoInterval(JsonNode sub, KibanaContext context) {
    JsonNode size = sub.get(AUTOINTERVAL);
    long buckets;
    if (size != null && size.isBoolean() && size.asBoolean()) {
      buckets = 50;
    } else if (size != null && size.isNumber()) {
      buckets = size.asLong();
    } else {
      throw new DashboardException("a date_histogram interval must be a string or {\""
          + AUTOINTERVAL + "\": true|N}");
    }
    return roundInterval(Duration.between(context.min(), context.max()).toMillis() / buckets);
  }

  /** Kibana's rounding of a bucket length to a readable interval. */
  static String roundInterval(long ms) {
    long[] limits = {500, 5000, 7500, 15000, 45000, 180000, 450000, 1200000, 2700000, 7200000,
        21600000, 86400000, 604800000, 1814400000};
    String[] names = {"100ms", "1s", "5s", "10s", "30s", "1m", "5m", "10m", "30m", "1h", "3h",
        "12h", "24h", "1w"};
    for (int i = 0; i < limits.length; i++) {
      if (ms <= limits[i]) {
        return names[i];
      }
    }
    return ms < 3628800000L ? "30d" : "1y";
  }

  /** A single calendar unit goes to calendar_interval, any other to fixed_interval. */
  static boolean isCalendar(String interval) {
    Matcher m = INTERVAL.matcher(interval);
    if (!m.matches()) {
      throw new DashboardException("'" + interval + "' is not a date_histogram interval");
    }
    return m.group(1).equals("1") && "mhdwMqy".contains(m.group(2)) && !m.group(2).equals("ms");
  }

  private static long bound(JsonNode opts, String which, KibanaContext context) {
    long result = (which.equals("min") ? context.min() : context.max()).toEpochMilli();
    JsonNode shift = opts.get("shift");
    if (shift != null && !shift.isNull()) {
      if (!shift.isNumber()) {
        throw new DashboardException("\"shift\" must be a numeric value");
      }
      long unit = switch (opts.path("unit").asText("d")) {
        case "w", "week" -> Duration.ofDays(7).toMillis();
        case "d", "day" -> Duration.ofDays(1).toMillis();
        case "h", "hour" -> Duration.ofHours(1).toMillis();
        case "m", "minute" -> Duration.ofMinutes(1).toMillis();
        case "s", "second" -> 1000L;
        default -> throw new DashboardException("unknown \"unit\" " + opts.path("unit"));
      };
      result += (long) (shift.asDouble() * unit);
    }
    return result;
  }

  /**
   * Gives each data source its response as Kibana does ({@code values}, the url dropped), so
   * Vega reads it through the spec's own {@code format.property}.
   */
  public static void inline(DataUrl url, JsonNode response) {
    url.data().remove("url");
    url.data().set("values", response);
  }

  private static Iterable<String> iterable(Iterator<String> names) {
    List<String> copy = new ArrayList<>();
    names.forEachRemaining(copy::add);
    return copy;
  }
}
