package io.challengeradar.training.data;

import java.util.List;

/**
 * One video in a creator's history, as the participation task sees it.
 *
 * @param text what the text encoder reads for this video (caption, or tags and sound title)
 * @param challenges the challenge keys the video carries ({@code #tag} and {@code ♪sound})
 */
public record CreatorVideo(String user, String id, long time, String text, List<String> challenges) {}
