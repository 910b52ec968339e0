package io.cairn.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

    private static String print(Table table) {
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void columnsAreAtLeastTenWideWithThreeSpacesOfPadding() {
        assertEquals("DRIVER    VOLUME NAME\nlocal     data\n",
                print(new Table("DRIVER", "VOLUME NAME").row("local", "data")));
        assertEquals("A                B\nlong-value-xxx   1\n",
                print(new Table("A", "B").row("long-value-xxx", "1")));
    }

    @Test
    void sizesAsDockerPrintsThem() {
        assertEquals("0B", Units.humanSize(0));
        assertEquals("1.5kB", Units.humanSize(1500));
        assertEquals("23.5GiB", Units.binarySize(25_232_932_864L));
    }
}
