package dev.esem.internal.worker;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How stderr bytes become logged lines: line ends, cut lines, the kept tail. */
class StderrTailTest {

	private static String tailOf(InputStream stderr) {
		StderrTail tail = new StderrTail(stderr, "worker-1");
		tail.run();
		return tail.lastLines();
	}

	private static InputStream bytes(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void linesEndAtNewlineCarriageReturnOrBothAndTheLastMayLackAnEnd() {
		assertThat(tailOf(bytes("one\ntwo\r\nthree\rfour\n\nfive"))).isEqualTo("one\ntwo\nthree\nfour\n\nfive");
	}

	@Test
	void aCarriageReturnAndNewlineSplitAcrossReadsEndOneLine() {
		InputStream split = new SequenceInputStream(Collections.enumeration(List.of(bytes("a\r"), bytes("\nb\n"))));
		assertThat(tailOf(split)).isEqualTo("a\nb");
	}

	@Test
	void aLineOverTheLimitKeepsItsHeadAndSaysHowMuchWasCut() {
		String head = "h".repeat(StderrTail.MAX_LINE_BYTES);
		String tail = tailOf(bytes(head + "t".repeat(1000) + "\nnext\n"));
		assertThat(tail).isEqualTo(head + " ... [cut: 1000 bytes]\nnext");
	}

	@Test
	void aCutNeverSplitsACharacter() {
		String line = "a".repeat(StderrTail.MAX_LINE_BYTES - 1) + "€€"; // € is three bytes
		String tail = tailOf(bytes(line + "\n"));
		assertThat(tail).isEqualTo("a".repeat(StderrTail.MAX_LINE_BYTES - 1) + " ... [cut: 6 bytes]");
	}

	@Test
	void onlyTheLastTwentyLinesAreKept() {
		StringBuilder text = new StringBuilder();
		for (int i = 1; i <= 25; i++) {
			text.append("line ").append(i).append('\n');
		}
		assertThat(tailOf(bytes(text.toString())).split("\n")).hasSize(20).startsWith("line 6").endsWith("line 25");
	}

}
