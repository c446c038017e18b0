# A tag's activity per UTC day or hour in canonical event NDJSON (the output of `radar import`),
# counted as the trend windows count it: the first post of each video only (later copies are
# dead-lettered as duplicates), posts, distinct authors, new participants (authors using the tag
# for the first time in the data), and `recent`: the new participants of the last `recent`
# periods up to and including this one (empty periods count as 0), which is what the surge rule
# sets against the tag's baseline (docs/pipeline.md, "Trend windows"). Used for the checks in
# docs/replays.md:
#
#   jq -nr --arg tag getcrocd --arg unit day --arg recent 12 -f docs/tag-activity.jq events.ndjson
#
# unit: day, 12h (the windows of docs/replays-12h.properties) or hour. Prints one line per period
# that has posts with the tag, named by its start.
(if $unit == "hour" then {seconds: 3600}
 elif $unit == "12h" then {seconds: 43200}
 elif $unit == "day" then {seconds: 86400}
 else error("--arg unit must be day, 12h or hour, not \($unit)") end) as $u
| def period: (fromdateiso8601 / $u.seconds | floor) * $u.seconds;
($recent | tonumber) as $n
| [inputs | select(.type == "post")]
| sort_by(.createdAt) | group_by(.videoId) | map(.[0])
| map(select(any(.hashtags[]; . == $tag))) | sort_by(.createdAt)
| reduce .[] as $p ({seen: {}, rows: {}};
    ($p.createdAt | period | todateiso8601) as $k
    | .rows[$k].posts += 1
    | .rows[$k].authors[$p.authorId] = true
    | if .seen[$p.authorId] then . else .seen[$p.authorId] = true | .rows[$k].new += 1 end)
| [.rows | to_entries[]
   | {period: .key[0:16], at: (.key | fromdateiso8601), posts: .value.posts,
      authors: (.value.authors | length), new: (.value.new // 0)}]
| . as $rows
| $rows[]
| . as $r
| ([$rows[] | select(.at <= $r.at and .at > $r.at - $n * $u.seconds) | .new] | add) as $recentNew
| "\($r.period)  posts \($r.posts)  authors \($r.authors)  new \($r.new)  recent \($recentNew)"
