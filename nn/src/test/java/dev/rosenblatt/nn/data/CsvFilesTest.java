package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.io.FileFormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV: headers, label columns, label kinds, quoting, blank lines, and errors that name the line and column. */
class CsvFilesTest {

    @TempDir
    Path dir;

    private final OffHeap memory = OffHeap.confined();

    @AfterEach
    void close() {
        memory.close();
    }

    private Path csv(String content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content);
        return file;
    }

    private Dataset load(String content, CsvOptions options) throws IOException {
        return CsvFiles.load(csv(content), options, memory);
    }

    private FileFormatException rejected(String content, CsvOptions options) {
        return assertThrows(FileFormatException.class, () -> load(content, options));
    }

    @Test
    void headerIsDetectedAndStringLabelsAreNumberedByFirstAppearance() throws IOException {
        Dataset data = load("sepal,petal,species\n5.1,1.4,setosa\n\n7.0,4.7,versicolor\n  \n6.3,6.0,virginica\n"
                + "4.9,1.5,setosa\n", CsvOptions.defaults());
        assertEquals(4, data.size());
        assertEquals(List.of("sepal", "petal"), data.featureNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), data.classNames());
        assertArrayEquals(new int[] {0, 1, 2, 0}, data.labels());
        assertArrayEquals(new float[] {5.1f, 1.4f, 7.0f, 4.7f, 6.3f, 6.0f, 4.9f, 1.5f}, data.features().toArray());
    }

    @Test
    void withoutHeaderIntegerLabelsAreClassIndices() throws IOException {
        Dataset data = load("1,2,3\n4,5,0\r\n7,8,2\n", CsvOptions.defaults());
        assertEquals(3, data.size());
        assertEquals(List.of(), data.featureNames());
        assertArrayEquals(new int[] {3, 0, 2}, data.labels());
        assertEquals(4, data.classCount());
        assertEquals(List.of(), data.classNames());
    }

    @Test
    void labelColumnByIndexOrByName() throws IOException {
        String content = "label,a,b\n1,0.5,0.25\n0,1.5,2.5\n";
        Dataset byIndex = load(content, CsvOptions.defaults().withLabelColumn(0));
        Dataset byName = load(content, CsvOptions.defaults().withLabelName("label"));
        for (Dataset data : List.of(byIndex, byName)) {
            assertArrayEquals(new int[] {1, 0}, data.labels());
            assertArrayEquals(new float[] {0.5f, 0.25f, 1.5f, 2.5f}, data.features().toArray());
            assertEquals(List.of("a", "b"), data.featureNames());
        }
        FileFormatException e = rejected(content, CsvOptions.defaults().withLabelName("class"));
        assertTrue(e.problem().contains("no column named \"class\""), e.getMessage());
    }

    @Test
    void negativeIntegerLabelsAreNumberedInIncreasingOrder() throws IOException {
        Dataset data = load("0.1,1\n0.2,-1\n0.3,1\n", CsvOptions.defaults());
        assertArrayEquals(new int[] {1, 0, 1}, data.labels());
        assertEquals(List.of("-1", "1"), data.classNames());
    }

    @Test
    void quotedCellsMayHoldTheSeparatorAndQuotes() throws IOException {
        Dataset data = load("\"x\",\"y\",\"kind\"\n1,\"2\",\"big, \"\"red\"\"\"\n3,4,small\n", CsvOptions.defaults());
        assertEquals(List.of("big, \"red\"", "small"), data.classNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, data.features().toArray());
    }

    @Test
    void headerOptionOverridesDetection() throws IOException {
        // Numeric column names would look like data: PRESENT says otherwise.
        Dataset data = load("1,2,3\n4,5,0\n", CsvOptions.defaults().withHeader(CsvOptions.Header.PRESENT));
        assertEquals(1, data.size());
        assertEquals(List.of("1", "2"), data.featureNames());
    }

    @Test
    void otherSeparators() throws IOException {
        Dataset data = load("1;2;0\n3;4;1\n", CsvOptions.defaults().withSeparator(';'));
        assertArrayEquals(new float[] {1, 2, 3, 4}, data.features().toArray());
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() {
        FileFormatException e = rejected("a,b,label\n1,2,0\n\n3,abc,1\n", CsvOptions.defaults());
        assertEquals(dir.resolve("data.csv"), e.file());
        assertEquals("line 4, column 2 (b)", e.location());
        assertTrue(e.problem().contains("\"abc\" is not a number"), e.getMessage());
    }

    @Test
    void aTypoInTheFirstDataLineIsACellErrorNotAHeader() {
        FileFormatException e = rejected("1,x2,0\n3,4,1\n", CsvOptions.defaults());
        assertEquals("line 1, column 2", e.location());
    }

    @Test
    void emptyAndNonFiniteCellsAreErrors() {
        assertEquals("line 2, column 1", rejected("1,2,0\n,2,1\n", CsvOptions.defaults()).location());
        FileFormatException nan = rejected("1,2,0\n1,NaN,1\n", CsvOptions.defaults());
        assertEquals("line 2, column 2", nan.location());
        assertTrue(nan.problem().contains("not a finite number"), nan.getMessage());
        assertEquals("line 2, column 3", rejected("1,2,0\n1,2, \n", CsvOptions.defaults()).location());
    }

    @Test
    void rowWithTheWrongNumberOfCells() {
        FileFormatException e = rejected("1,2,0\n1,2\n", CsvOptions.defaults());
        assertEquals("line 2", e.location());
        assertTrue(e.problem().contains("has 2 cells, but line 1 has 3"), e.getMessage());
    }

    @Test
    void unclosedQuoteAndMissingColumnsAndEmptyFiles() {
        assertTrue(rejected("1,\"2,0\n", CsvOptions.defaults()).problem().contains("not closed"));
        assertTrue(rejected("1,2,0\n", CsvOptions.defaults().withLabelColumn(5)).problem()
                .contains("label column 5 does not exist"));
        assertTrue(rejected("\n\n", CsvOptions.defaults()).problem().contains("no data rows"));
        assertTrue(rejected("a,b\n", CsvOptions.defaults()).problem().contains("no data rows"));
        assertTrue(rejected("0\n1\n", CsvOptions.defaults()).problem().contains("no feature columns"));
    }

    @Test
    void unlabelledFilesGiveFeaturesOnly() throws IOException {
        F32Matrix features = CsvFiles.loadFeatures(csv("x,y\n1,2\n3,4\n"), CsvOptions.unlabelled(), memory);
        assertArrayEquals(new float[] {1, 2, 3, 4}, features.toArray());
        F32Matrix dropLabel = CsvFiles.loadFeatures(csv("1,2,7\n3,4,8\n"), CsvOptions.defaults(), memory);
        assertArrayEquals(new float[] {1, 2, 3, 4}, dropLabel.toArray());
    }
}
