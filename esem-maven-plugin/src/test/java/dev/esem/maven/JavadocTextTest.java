package dev.esem.maven;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavadocTextTest {

	@Test
	void paragraphsAreSeparatedByP() {
		assertThat(JavadocText.of("First line.\nStill first.\n\n  Second.")).isEqualTo("First line.\nStill first.\n\n<p>Second.\n");
	}

	@Test
	void htmlAndCommentEndsAreEscaped() {
		assertThat(JavadocText.of("a < b && c > d */ @param x")).isEqualTo("a &lt; b &amp;&amp; c &gt; d *&#47; &#64;param x\n");
	}

	@Test
	void backticksBecomeCode() {
		assertThat(JavadocText.of("Multiplies `width` by ``height < 2``.")).isEqualTo("Multiplies {@code width} by {@code height < 2}.\n");
		assertThat(JavadocText.of("Braces stay text: `{x}`")).isEqualTo("Braces stay text: `{x}`\n");
	}

	@Test
	void noDocstringIsNoJavadoc() {
		assertThat(JavadocText.of(null)).isEmpty();
		assertThat(JavadocText.of("  \n ")).isEmpty();
	}

}
