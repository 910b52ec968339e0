package io.cairn.dockerfile.plan;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.Position;
import io.cairn.dockerfile.instructions.DockerfileModel;
import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.dockerfile.instructions.InstructionParser;
import io.cairn.dockerfile.instructions.InvalidInstructionException;
import io.cairn.dockerfile.instructions.Maintainer;
import io.cairn.dockerfile.instructions.Onbuild;
import io.cairn.dockerfile.parser.DockerfileParser;
import java.util.List;

/**
 * Parses a base image's ONBUILD triggers into instructions, as Docker does: the triggers are read
 * as the lines of a Dockerfile (default escape) and run before the stage's own instructions. An
 * image may come from anywhere, so each trigger is validated again here.
 */
final class OnbuildTriggers {

    private OnbuildTriggers() {
    }

    /**
     * @param from where the stage's FROM is, which errors name
     * @throws InvalidInstructionException at {@code from} when a trigger does not parse or is not allowed
     */
    static List<Instruction> parse(List<String> triggers, String image, Position from)
            throws InvalidInstructionException {
        if (triggers.isEmpty()) {
            return List.of();
        }
        for (String t : triggers) {
            if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
                throw invalid(from, image, t, "a trigger is one line");
            }
        }
        // A FROM line first makes the triggers one stage; its line numbers are then 2..n+1.
        DockerfileModel model = InstructionParser.parse(DockerfileParser.parse("FROM scratch\n"
                + String.join("\n", triggers)));
        for (Diagnostic d : model.diagnostics()) {
            if (d.isError()) {
                throw invalid(from, image, triggers.get(Math.max(0, Math.min(triggers.size() - 1,
                        d.position().line() - 2))), d.message());
            }
        }
        if (model.stages().size() != 1 || !model.globalArgs().isEmpty()) {
            throw invalid(from, image, String.join(" / ", triggers), "FROM isn't allowed as an ONBUILD trigger");
        }
        List<Instruction> out = model.stages().get(0).instructions();
        for (Instruction in : out) {
            if (in instanceof Onbuild || in instanceof Maintainer) {
                throw invalid(from, image, in.node().original(), in.keyword()
                        + " isn't allowed as an ONBUILD trigger");
            }
        }
        return out;
    }

    private static InvalidInstructionException invalid(Position from, String image, String trigger, String why) {
        return new InvalidInstructionException(from, "base image " + image + " has an invalid ONBUILD trigger \""
                + trigger + "\": " + why);
    }
}
