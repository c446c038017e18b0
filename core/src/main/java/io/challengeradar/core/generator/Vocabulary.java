package io.challengeradar.core.generator;

import java.util.List;

/**
 * The words the generator builds its stream from. Captions come from a topic's phrases and its
 * hashtags, so that a text embedding of a caption carries the topic; challenge names are built
 * from a catchy word and a topic word, so that they look like real ones and never collide with an
 * ordinary tag (no ordinary tag ends in "challenge").
 */
final class Vocabulary {

  /** A content topic: what users are interested in and what a challenge is about. */
  record Topic(
      String name,
      double popularity,
      List<String> tags,
      List<String> phrases,
      List<String> challengeWords) {}

  /** A generic tag and the share of posts that carry it, whatever their topic. */
  record GenericTag(String tag, double rate) {}

  /** A language and region, with the share of users who have it. */
  record Locale(String language, String region, double share) {}

  static final List<Topic> TOPICS =
      List.of(
          new Topic("dance", 1.4,
              List.of("dance", "dancetok", "dancer", "choreography", "hiphopdance", "dancevideo"),
              List.of("learned this routine in one night", "new choreo just dropped",
                  "dancing in the kitchen again", "this beat is everything",
                  "practice makes progress", "my legs are done after this",
                  "freestyle friday", "tried the footwork slowly first",
                  "dance break at work", "the transition at the end"),
              List.of("step", "shuffle", "groove", "twirl", "bounce", "moonwalk", "spin")),
          new Topic("comedy", 1.5,
              List.of("comedy", "funny", "skit", "relatable", "memes", "lol"),
              List.of("pov: your mom finds the receipt", "when the teacher says group project",
                  "me pretending to understand taxes", "nobody: absolutely nobody:",
                  "the way my brother reacted", "this happens every single time",
                  "tell me why this is so true", "my roommate at 3am",
                  "customer service be like", "i can't stop laughing"),
              List.of("prank", "voice", "faceswap", "accent", "switch", "impression", "blooper")),
          new Topic("food", 1.2,
              List.of("food", "foodtok", "recipe", "cooking", "easyrecipe", "foodie"),
              List.of("easy pasta in 10 minutes", "midnight snack that hits different",
                  "trying street food downtown", "the crispiest potatoes ever",
                  "3 ingredient dessert", "meal prep for the whole week",
                  "grandma's secret sauce", "rating every ramen in town",
                  "breakfast burrito done right", "how to make fluffy pancakes"),
              List.of("taco", "pancake", "noodle", "mugcake", "whip", "spicy", "dumpling")),
          new Topic("fitness", 0.9,
              List.of("fitness", "gymtok", "workout", "gym", "homeworkout", "fitnessmotivation"),
              List.of("leg day is not a joke", "10 minute ab workout at home",
                  "new personal record today", "morning run before work",
                  "no equipment full body routine", "form check please",
                  "progress after 6 months", "stretching routine for beginners",
                  "pull up progression", "rest day but make it active"),
              List.of("plank", "squat", "pushup", "burpee", "wallsit", "deadlift", "sprint")),
          new Topic("pets", 1.0,
              List.of("pets", "dogsoftiktok", "catsoftiktok", "puppy", "petlover", "cute"),
              List.of("my cat hears the treat bag", "he thinks he is a lap dog",
                  "first day home with our puppy", "caught her stealing socks again",
                  "zoomies at 2am", "the vet visit did not go as planned",
                  "teaching my dog a new trick", "she judges me every morning",
                  "bath time drama", "best friends since day one"),
              List.of("paw", "zoomies", "treat", "whisker", "fetch", "belly", "puppyeyes")),
          new Topic("beauty", 1.0,
              List.of("beauty", "makeup", "skincare", "makeuptutorial", "grwm", "nails"),
              List.of("get ready with me for date night", "my 5 minute makeup routine",
                  "skincare that actually works", "trying the viral mascara",
                  "soft glam for beginners", "drugstore dupes you need",
                  "fixing my brows finally", "night routine for dry skin",
                  "nail art at home", "glowy summer look"),
              List.of("glowup", "lipliner", "blush", "lash", "contour", "glitter", "eyeliner")),
          new Topic("gaming", 0.9,
              List.of("gaming", "gamer", "fortnite", "minecraft", "gamingclips", "streamer"),
              List.of("clutched the last round", "this build took me hours",
                  "when your teammate disconnects", "speedrun attempt number 40",
                  "the boss fight nobody warned me about", "best loadout right now",
                  "late night session with the squad", "i can't believe that shot hit",
                  "rating every map", "new season first impressions"),
              List.of("noscope", "pixel", "combo", "clutch", "speedrun", "respawn", "loot")),
          new Topic("music", 1.0,
              List.of("music", "singing", "cover", "guitar", "musician", "newmusic"),
              List.of("covering my favourite song", "wrote this in my bedroom",
                  "harmonies with my sister", "first time on a real stage",
                  "acoustic version hits different", "guess the song in 3 notes",
                  "made a beat out of kitchen sounds", "singing in the car again",
                  "unreleased snippet", "piano practice day 100"),
              List.of("beat", "harmony", "drum", "mashup", "riff", "highnote", "falsetto")),
          new Topic("diy", 0.6,
              List.of("diy", "crafts", "homedecor", "lifehack", "upcycling", "woodworking"),
              List.of("turning an old jar into a lamp", "room makeover on a budget",
                  "this hack saves so much time", "building a shelf from scraps",
                  "painting my bedroom wall", "thrift flip part 2",
                  "easy gift idea", "restoring a vintage chair",
                  "cable organisation hack", "candle making at home"),
              List.of("glue", "paint", "craft", "origami", "build", "tape", "upcycle")),
          new Topic("sports", 0.9,
              List.of("sports", "football", "basketball", "soccer", "skills", "nba"),
              List.of("trick shot after 50 tries", "game winner last night",
                  "practice drills for speed", "this save was unreal",
                  "training with the team", "top 5 goals this week",
                  "free throw routine", "from the bench to the field",
                  "coach was not happy", "skills session in the rain"),
              List.of("trickshot", "kickup", "dunk", "juggle", "crossbar", "freekick", "layup")),
          new Topic("travel", 0.6,
              List.of("travel", "traveltok", "wanderlust", "vacation", "explore", "beach"),
              List.of("hidden beach nobody talks about", "48 hours in this city",
                  "packing for two weeks in a carry on", "sunrise from the mountain",
                  "cheapest flight hack", "street market at night",
                  "hotel room tour", "the view from our cabin",
                  "road trip day 3", "things i wish i knew before visiting"),
              List.of("passport", "suitcase", "roadtrip", "layover", "postcard", "backpack",
                  "sunrise")),
          new Topic("fashion", 0.9,
              List.of("fashion", "ootd", "outfit", "style", "thrift", "streetwear"),
              List.of("outfit of the day for work", "thrift haul under 20 dollars",
                  "styling one jacket three ways", "what i wore this week",
                  "capsule wardrobe essentials", "trying on the viral jeans",
                  "street style downtown", "color combos that always work",
                  "closet clean out", "vintage finds"),
              List.of("outfit", "thrift", "drip", "sneaker", "denim", "layering", "runway")));

  static final List<GenericTag> GENERIC_TAGS =
      List.of(
          new GenericTag("fyp", 0.45),
          new GenericTag("foryou", 0.28),
          new GenericTag("foryoupage", 0.18),
          new GenericTag("viral", 0.14),
          new GenericTag("trending", 0.07),
          new GenericTag("tiktok", 0.09),
          new GenericTag("xyzbca", 0.04));

  /** First words of challenge names: catchy, topic-free. */
  static final List<String> CHALLENGE_WORDS =
      List.of("mirror", "silhouette", "flip", "pillow", "freeze", "shadow", "bottle", "glow",
          "savage", "switch", "blinding", "neon", "boomerang", "ghost", "gravity", "pocket",
          "sunset", "retro", "lemon", "jelly", "tornado", "rainbow", "echo", "zero");

  /** How a participant writes about a challenge; {tag} is the challenge hashtag with its '#'. */
  static final List<String> CHALLENGE_TEMPLATES =
      List.of("doing the {tag} with my {person}", "my attempt at the {tag}", "{tag} {phrase}",
          "took me 20 tries {tag}", "{tag} but make it {topic}", "finally tried the {tag}",
          "{person} made me do the {tag}", "is it too late for the {tag}?", "{tag} day {n}",
          "ok the {tag} is actually hard");

  static final List<String> PERSONS =
      List.of("sister", "brother", "mom", "dad", "best friend", "grandma", "roommate",
          "boyfriend", "girlfriend", "coworkers", "dog", "cat");

  static final List<String> FILLERS =
      List.of("wait for it", "part 2", "watch till the end", "no way", "who else?",
          "day 12 of posting", "sound on", "had to share this", "honestly", "tag a friend");

  static final List<String> EMOJI =
      List.of("😂", "🔥", "✨", "😭", "💀", "❤️", "👀", "🙌", "😍", "🤣");

  static final List<String> HANDLE_WORDS_A =
      List.of("sunny", "lil", "the", "its", "real", "just", "cozy", "tiny", "wild", "lazy",
          "happy", "moody", "golden", "daily", "urban", "cosmic");

  static final List<String> HANDLE_WORDS_B =
      List.of("mango", "pixel", "panda", "dreamer", "wave", "chef", "coach", "kitty", "beats",
          "vibes", "rider", "crafter", "nomad", "queen", "bear", "comet");

  static final List<Locale> LOCALES =
      List.of(
          new Locale("en", "US", 0.34),
          new Locale("en", "GB", 0.08),
          new Locale("es", "MX", 0.08),
          new Locale("pt", "BR", 0.08),
          new Locale("id", "ID", 0.07),
          new Locale("vi", "VN", 0.06),
          new Locale("fr", "FR", 0.05),
          new Locale("de", "DE", 0.04),
          new Locale("ja", "JP", 0.05),
          new Locale("ko", "KR", 0.04),
          new Locale("en", "PH", 0.05),
          new Locale("tr", "TR", 0.03),
          new Locale("en", "IN", 0.03));

  private Vocabulary() {}

  static int topicIndex(String name) {
    for (int i = 0; i < TOPICS.size(); i++) {
      if (TOPICS.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown topic '" + name + "'");
  }
}
