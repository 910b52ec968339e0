package io.cairn.cli.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Docker's "Are you sure you want to continue? [y/N]" confirmation, read from stdin. */
public final class Prompt {

    private Prompt() {
    }

    public static boolean confirm(String warning, PrintWriter err) {
        err.print(warning + "\nAre you sure you want to continue? [y/N] ");
        err.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }
}
