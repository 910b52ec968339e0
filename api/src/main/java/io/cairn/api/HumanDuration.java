package io.cairn.api;

/** Go's units.HumanDuration, as Docker's status column uses it. */
public final class HumanDuration {

    private HumanDuration() {
    }

    /** "2 minutes", "About an hour", "3 days" for a number of seconds. */
    public static String of(long seconds) {
        long hours = seconds / 3600;
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        } else if (seconds / 60 == 1) {
            return "About a minute";
        } else if (seconds < 3600) {
            return seconds / 60 + " minutes";
        } else if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return hours / 24 / 365 + " years";
    }
}
