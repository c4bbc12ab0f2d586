package extract

import "testing"

// BenchmarkFurniture times furniture line detection over the seed
// articles, each read with the rules of its language by a reader built
// once, as a pipeline keeps it.
func BenchmarkFurniture(b *testing.B) {
	x := benchExtractor(b)
	texts := benchTexts(b)
	var size int64
	for _, ts := range texts {
		size += totalBytes(ts)
	}
	readers := map[string]*furnitureReader{}
	for _, code := range []string{"ru", "kk", "en"} {
		f := newFurnitureReader(x.pipeline(code).finder.lang)
		for _, t := range texts[code] {
			f.lines(t) // build the automata's states
		}
		readers[code] = f
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, code := range []string{"ru", "kk", "en"} {
			for _, t := range texts[code] {
				readers[code].lines(t)
			}
		}
	}
}

// BenchmarkHeader times reading the publication date and header lines.
func BenchmarkHeader(b *testing.B) {
	x := benchExtractor(b)
	texts := benchTexts(b)
	var size int64
	for _, ts := range texts {
		size += totalBytes(ts)
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, code := range []string{"ru", "kk", "en"} {
			l := x.pipeline(code).finder.lang
			for _, t := range texts[code] {
				header(t)
				bylineDate(t, l)
			}
		}
	}
}
