package io.cairn.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pull's progress stream as the docker CLI shows it: layers redrawn in place on a terminal, plain lines elsewhere. */
class JsonMessagesTest {

    private static final List<String> PULL = List.of(
            "{\"status\":\"Pulling from library/bb\",\"id\":\"latest\"}",
            "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"aaa\"}",
            "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"bbb\"}",
            "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":5,\"total\":10},\"progress\":\"[==>  ] 5B/10B\",\"id\":\"aaa\"}",
            "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"bbb\"}",
            "{\"status\":\"Digest: sha256:0123\"}");

    private static String shown(boolean terminal) throws Exception {
        StringWriter text = new StringWriter();
        JsonMessages messages = new JsonMessages(new PrintWriter(text), terminal);
        ObjectMapper json = new ObjectMapper();
        for (String line : PULL) {
            messages.show(json.readTree(line));
        }
        return text.toString();
    }

    @Test
    void onATerminalEachLayerKeepsOneLineRedrawnWithItsBar() throws Exception {
        String up1 = "\033[1A";
        String down1 = "\033[1B";
        String clear = "\033[2K\r";
        assertEquals("latest: Pulling from library/bb\n"
                + "\n" + up1 + clear + "aaa: Pulling fs layer\r" + down1
                + "\n" + up1 + clear + "bbb: Pulling fs layer\r" + down1
                // aaa is two lines above the cursor: up, redraw with its bar, back down
                + "\033[2A" + clear + "aaa: Downloading [==>  ] 5B/10B\r\033[2B"
                + up1 + clear + "bbb: Pull complete\r" + down1
                + "Digest: sha256:0123\n", shown(true));
    }

    @Test
    void elsewhereOneLinePerEventAndNoByteCounts() throws Exception {
        assertEquals("latest: Pulling from library/bb\naaa: Pulling fs layer\nbbb: Pulling fs layer\n"
                + "bbb: Pull complete\nDigest: sha256:0123\n", shown(false));
    }
}
