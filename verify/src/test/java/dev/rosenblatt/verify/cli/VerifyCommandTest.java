package dev.rosenblatt.verify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command end to end: a scalar run in this JVM and a SIMD run in a child JVM, merged into one JSON report. */
class VerifyCommandTest {

    @Test
    void scalarHereAndSimdInAChildJvm(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");
        int rc = new CommandLine(new VerifyCommand()).execute("--kernel", "sigmoid", "--kernel", "sdot", "--width",
                "256", "--report", json.toString());
        assertEquals(0, rc);
        JsonNode rows = new ObjectMapper().readTree(Files.readString(json));
        assertEquals(4, rows.size()); // sdot and sigmoid, scalar and simd at 256 bits
        for (JsonNode row : rows) {
            for (String field : new String[] {"kernel", "provider", "width", "inputs", "maxAbs", "maxRel", "maxUlp",
                    "bound", "pass"}) {
                assertTrue(row.has(field), field + " in " + row);
            }
            assertTrue(row.get("pass").asBoolean(), row::toString);
        }
        assertEquals(256, rows.get(2).get("width").asInt());
        assertEquals("simd", rows.get(2).get("provider").asText());
    }

    @Test
    void markdownReport(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("report.md");
        int rc = new CommandLine(new VerifyCommand()).execute("--provider", "scalar", "--kernel", "max", "--report",
                md.toString());
        assertEquals(0, rc);
        String text = Files.readString(md);
        assertTrue(text.contains("| max | scalar | - |"), text);
    }
}
