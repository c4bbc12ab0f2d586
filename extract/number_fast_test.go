package extract

import (
	"math/big"
	"testing"
)

// numberSamples are number texts as the rules hand them over, in every
// language: digits with and without separators, words, fractions and
// ordinals.
var numberSamples = []string{
	"2024", "15", "8,5", "316,3", "1 234 567", "1\u00a0234\u202f567", "1.844.036",
	"1,234,567", "-2.5", "−2,5", "0.77", ".5", "1,500", "1.3e6", "12\u2009345", "100", "3",
	"двести пятьдесят три тысячи", "двухсот пятидесяти трех тысяч", "полторы тысячи",
	"два с половиной миллиона", "одна целая три десятых", "восьмого", "двадцать первый",
	"екі жыл", "үш бүтін оннан үш", "екі мың он бесінші", "жиырма бес", "бір миллиард",
	"twenty-five", "one hundred and five", "half a million", "three quarters",
	"one million and a half", "three crore twelve lakh fifty-six thousand seven hundred twenty-one",
	"1 over 3", "two out of five hundred", "twenty-first", "fortysecond",
}

// TestNumberReaderFast reads every sample, and texts that are no number,
// with the fast reader and the reference one.
func TestNumberReaderFast(t *testing.T) {
	readers := append(numberReaders(t), coldNumberReaders(t)...)
	more := []string{"", " ", "1..2", "1e400", "5.", "1,234.", "+7", "-", "e5", "1e", "1e+-5",
		"99999999999999999999", "999999999999999999", "1.000000000000000001", "0,0", "007",
		"and", "стол", "½", "1/0", "minus five", "минус пять", "hundred trillionth", "one second",
		"١٢٣", "1 2 3", "1,2.3", "1.2,3", "1,2,3.4"}
	for _, s := range append(append([]string(nil), numberSamples...), more...) {
		for _, r := range readers {
			sameReading(t, r, s)
		}
	}
}

// FuzzNumberReaderFast reads arbitrary text in every language with the
// fast reader and the reference one: values and failures must agree.
//
//	go test ./extract -run '^$' -fuzz '^FuzzNumberReaderFast$' -fuzztime 60s
func FuzzNumberReaderFast(f *testing.F) {
	for _, s := range numberSamples {
		f.Add(s)
	}
	for _, s := range []string{"1..2", "1e-99", "5.", ".5", "1,2,3.4", "9999999999999999999", "007"} {
		f.Add(s)
	}
	// the readers that remember readings, and the same that remember none
	readers := append(numberReaders(f), coldNumberReaders(f)...)
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range readers {
			sameReading(t, r, s)
		}
	})
}

func numberReaders(t testing.TB) []*numberReader {
	set := loadLangs(t)
	var readers []*numberReader
	for _, code := range set.Codes() {
		readers = append(readers, newNumberReader(set.Lang(code)))
	}
	return readers
}

// coldNumberReaders are number readers that remember no reading.
func coldNumberReaders(t testing.TB) []*numberReader {
	readers := numberReaders(t)
	for _, r := range readers {
		r.nWords.Store(maxWordReadings)
	}
	return readers
}

// sameReading checks that r reads s as the reference reader does, and
// that a value read twice is the same (no shared value was written to).
func sameReading(t *testing.T, r *numberReader, s string) {
	t.Helper()
	for _, ordinal := range []bool{false, true} {
		want, wantOK := refReadAs(r, s, ordinal)
		for range 2 {
			got, ok := r.readAs(s, ordinal)
			if ok != wantOK {
				t.Fatalf("%s %q (ordinal %v): read %v %v, want %v %v", r.lang.Code, s, ordinal, got, ok, want, wantOK)
			}
			if !ok {
				continue
			}
			if got.Cmp(want) != 0 || got.String() != want.String() {
				t.Fatalf("%s %q (ordinal %v): read %v, want %v", r.lang.Code, s, ordinal, got, want)
			}
			// callers may write to what they get
			got.Mul(got, big.NewRat(7, 3))
		}
	}
}

// BenchmarkNumberReader reads realistic number texts in every language.
func BenchmarkNumberReader(b *testing.B) {
	b.Run("warm", func(b *testing.B) { benchmarkNumberReader(b, numberReaders(b)) })
	b.Run("cold", func(b *testing.B) { benchmarkNumberReader(b, coldNumberReaders(b)) })
}

func benchmarkNumberReader(b *testing.B, readers []*numberReader) {
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range readers {
			for _, s := range numberSamples {
				r.read(s)
			}
			r.readOrdinal("двадцать первый")
			r.readOrdinal("twenty-first")
		}
	}
}

// BenchmarkNumberReaderRef reads the texts of BenchmarkNumberReader with
// the reference reader, to compare with.
func BenchmarkNumberReaderRef(b *testing.B) {
	readers := numberReaders(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range readers {
			for _, s := range numberSamples {
				refReadAs(r, s, false)
			}
			refReadAs(r, "двадцать первый", true)
			refReadAs(r, "twenty-first", true)
		}
	}
}
