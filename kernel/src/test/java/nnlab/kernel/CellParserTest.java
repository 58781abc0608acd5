package nnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CellParserTest {
    @Test
    void magicsAndCodeKeepTheirOrderAndCellLines() {
        String cell = "%jars ../lib/target/nnlab.jar\nimport nnlab.*;\n\nint x = 1;\n%maven a:b:1\nx + 1";
        List<CellParser.Segment> segments = CellParser.parse(cell);

        assertEquals(4, segments.size());
        assertEquals(new CellParser.Magic("jars", List.of("../lib/target/nnlab.jar"), "../lib/target/nnlab.jar", 0), segments.get(0));
        assertEquals(new CellParser.Code("import nnlab.*;\n\nint x = 1;", 1), segments.get(1));
        assertEquals(new CellParser.Magic("maven", List.of("a:b:1"), "a:b:1", 4), segments.get(2));
        assertEquals(new CellParser.Code("x + 1", 5), segments.get(3));
    }

    @Test
    void codeAfterBlankLinesStartsAtItsOwnLine() {
        // the code run keeps its leading blank lines so snippet lines add up to cell lines
        List<CellParser.Segment> segments = CellParser.parse("%load a.jsh\n\n\nfoo();");
        CellParser.Code code = assertInstanceOf(CellParser.Code.class, segments.get(1));
        assertEquals(1, code.line());
        assertEquals("\n\nfoo();", code.source());
    }

    @Test
    void moduloAtLineStartAndIndentedPercentAreCode() {
        List<CellParser.Segment> segments = CellParser.parse("int r = 7\n%2;\n  %jars x.jar");
        assertEquals(1, segments.size());
        assertInstanceOf(CellParser.Code.class, segments.get(0));
    }

    @Test
    void cellMagicIsMarkedWithAPercent() {
        CellParser.Magic magic = assertInstanceOf(CellParser.Magic.class, CellParser.parse("%%bash\nls").get(0));
        assertEquals("%bash", magic.name());
    }

    @Test
    void blankCellHasNoSegments() {
        assertTrue(CellParser.parse("  \n\t\n").isEmpty());
    }

    @Test
    void quotesKeepBlanksInsideOneArgument() {
        assertEquals(List.of("My Documents/a.jar", "b c", "d"), CellParser.splitArgs(" \"My Documents/a.jar\" 'b c'  d "));
        assertEquals(List.of(""), CellParser.splitArgs("\"\""));
    }

    @Test
    void unclosedQuoteIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CellParser.splitArgs("\"lib/a.jar"));
        assertTrue(e.getMessage().contains("Unclosed \""), e.getMessage());
    }
}
