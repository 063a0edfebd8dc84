/* annotate: reader-side behaviour. Placeholder until the browser-behaviour work lands. */
