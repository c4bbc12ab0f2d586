package source

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

const (
	ruSentence = "Снижение смертности на 15,3% в 2024 году"
	kkSentence = "Қазақстанда өмір сүру ұзақтығы 75,4 жылға жетті, ал ана өлімі 12%-ға төмендеді."
	// ruArticle is real news text, as sites publish it.
	ruArticle = "Министр рассказала о ситуации в медицине. В 2024 году средняя продолжительность " +
		"жизни в Казахстане достигла 75,4 года — это самый высокий показатель за всю историю. " +
		"Материнская смертность снизилась на 15,3%, младенческая — на 4,1%. " +
		"«Мы продолжим модернизацию больниц», — отметил Глава государства.\r\n"
	ruHeadline = "ТОКАЕВ ДАЛ ПОРУЧЕНИЕ ПО ПРОИЗВОДСТВУ ВАЖНЫХ ЛЕКАРСТВ"
)

// ruArticleKOI is ruArticle as KOI8-R can hold it: it has no guillemets or
// dashes, so KOI8-R texts use plain quotes and hyphens.
var ruArticleKOI = strings.NewReplacer("«", `"`, "»", `"`, "—", "-").Replace(ruArticle)

func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q with %v: %v", s, enc, err)
	}
	return b
}

var (
	utf16LE    = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	utf16BE    = xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	utf16LEBOM = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	utf16BEBOM = xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)
)

func TestDecodeRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		enc   encoding.Encoding
		bom   []byte
		text  string
		force string
	}{
		{"utf-8", xunicode.UTF8, nil, ruSentence, ""},
		{"utf-8 bom", xunicode.UTF8, bomUTF8, ruSentence, ""},
		{"utf-8 bom forced", xunicode.UTF8, bomUTF8, ruSentence, "utf-8"},
		{"utf-16le bom ru", utf16LEBOM, nil, ruSentence, ""},
		{"utf-16be bom ru", utf16BEBOM, nil, ruSentence, ""},
		{"utf-16le bom kk", utf16LEBOM, nil, kkSentence, ""},
		{"utf-16be bom kk", utf16BEBOM, nil, kkSentence, ""},
		{"utf-16le no bom ru", utf16LE, nil, ruSentence, ""},
		{"utf-16be no bom ru", utf16BE, nil, ruSentence, ""},
		{"utf-16le no bom kk", utf16LE, nil, kkSentence, ""},
		{"utf-16be no bom kk", utf16BE, nil, kkSentence, ""},
		{"utf-16le forced", utf16LE, nil, kkSentence, "utf-16le"},
		{"utf-16be forced with bom", utf16BEBOM, nil, kkSentence, "UTF-16BE"},
		{"windows-1251 sentence", charmap.Windows1251, nil, ruSentence, ""},
		{"koi8-r sentence", charmap.KOI8R, nil, ruSentence, ""},
		{"windows-1251 article", charmap.Windows1251, nil, ruArticle, ""},
		{"koi8-r article", charmap.KOI8R, nil, ruArticleKOI, ""},
		{"windows-1251 headline", charmap.Windows1251, nil, ruHeadline, ""},
		{"koi8-r headline", charmap.KOI8R, nil, ruHeadline, ""},
		{"windows-1251 forced", charmap.Windows1251, nil, ruSentence, "windows-1251"},
		{"koi8-r forced", charmap.KOI8R, nil, ruSentence, "koi8-r"},
		{"cp1251 alias", charmap.Windows1251, nil, ruSentence, "cp1251"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := append(append([]byte{}, tt.bom...), encode(t, tt.enc, tt.text)...)
			got, warnings, err := Decode(raw, tt.force)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != tt.text {
				t.Errorf("Decode = %q, want %q", got, tt.text)
			}
			if len(warnings) != 0 {
				t.Errorf("warnings = %q, want none", warnings)
			}
		})
	}
}

// A forced encoding wins over detection: the same bytes read differently.
func TestDecodeForcedWrong(t *testing.T) {
	raw := encode(t, charmap.Windows1251, ruSentence)
	got, _, err := Decode(raw, "koi8-r")
	if err != nil {
		t.Fatal(err)
	}
	if got == ruSentence {
		t.Errorf("forced koi8-r decoded windows-1251 bytes as the original")
	}
}

func TestDecodeProblems(t *testing.T) {
	tests := []struct {
		name     string
		raw      []byte
		force    string
		want     string
		warnings []string
		err      string
	}{
		{name: "empty", raw: nil, want: ""},
		{name: "empty forced", raw: []byte{}, force: "koi8-r", want: ""},
		{name: "ascii", raw: []byte("GDP grew 3.5% in 2024"), want: "GDP grew 3.5% in 2024"},
		{name: "bom only", raw: bomUTF8, want: ""},
		{name: "binary", raw: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), err: "binary file"},
		{name: "nul in utf-8", raw: []byte("abc\x00def"), err: "binary file"},
		{name: "nul forced utf-8", raw: []byte("abcd\x00\x00efgh"), force: "utf-8", err: "binary file"},
		{name: "nul forced cp1251", raw: []byte("\xd1\x00"), force: "windows-1251", err: "binary file"},
		{name: "unknown encoding", raw: []byte("x"), force: "latin-1", err: `unknown encoding "latin-1"`},
		{
			name: "bad bytes in utf-8", raw: []byte("Снижение \xff\xfeсмертности на 15,3%"),
			want: "Снижение \uFFFD\uFFFDсмертности на 15,3%", warnings: []string{warnBadUTF8},
		},
		{
			name: "truncated utf-8", raw: []byte("Снижение смертности\xd0"),
			want: "Снижение смертности\uFFFD", warnings: []string{warnBadUTF8},
		},
		{
			// Latin-1 is not a Cyrillic code page: its accents sit in Latin
			// words, so it is repaired, not decoded as Windows-1251.
			name: "latin-1", raw: []byte("caf\xe9 cr\xe8me br\xfbl\xe9e"),
			want: "caf\uFFFD cr\uFFFDme br\uFFFDl\uFFFDe", warnings: []string{warnBadUTF8},
		},
		{
			name: "utf-16 odd length", raw: append(encode(t, utf16LEBOM, "Алматы"), 'x'),
			want: "Алматы\uFFFD", warnings: []string{warnBadUTF16},
		},
		{
			name: "utf-16 lone surrogate", raw: []byte{0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0},
			want: "a\uFFFDb", warnings: []string{warnBadUTF16},
		},
		{
			name: "utf-16 real U+FFFD", raw: []byte{0xFF, 0xFE, 'a', 0, 0xFD, 0xFF},
			want: "a\uFFFD",
		},
		{
			name: "windows-1251 undefined byte", raw: []byte{0xD1, 0x98}, force: "windows-1251",
			want: "С\uFFFD", warnings: []string{"bytes undefined in Windows 1251 replaced with U+FFFD"},
		},
		{name: "utf-16 nul char", raw: []byte{0xFF, 0xFE, 'a', 0, 0, 0}, err: "binary file"},
		{
			// NULs on both sides of the pairs: not text in UTF-16 either.
			name: "nul both sides", raw: []byte{'a', 0, 0, 'b', 'c', 0, 0, 'd'}, err: "binary file",
		},
		{
			// NULs skewed, but control characters are not text.
			name: "utf-16 shape with controls", raw: []byte{1, 0, 2, 0, 3, 0, 4, 0}, err: "binary file",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := Decode(tt.raw, tt.force)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != tt.want {
				t.Errorf("Decode = %q, want %q", got, tt.want)
			}
			if !reflect.DeepEqual(warnings, tt.warnings) {
				t.Errorf("warnings = %q, want %q", warnings, tt.warnings)
			}
		})
	}
}

func TestRussianScorePrefersRightCodePage(t *testing.T) {
	for _, s := range []string{ruSentence, ruArticleKOI, ruHeadline, "услуги населению", "Президент"} {
		for _, cm := range []*charmap.Charmap{charmap.Windows1251, charmap.KOI8R} {
			raw := encode(t, cm, s)
			other := charmap.KOI8R
			if cm == charmap.KOI8R {
				other = charmap.Windows1251
			}
			right, wrong := russianScore(decodeSample(raw, cm)), russianScore(decodeSample(raw, other))
			if right <= wrong {
				t.Errorf("%q in %v: score %d, read as %v %d", s, cm, right, other, wrong)
			}
		}
	}
}

func TestCheckEncoding(t *testing.T) {
	for _, name := range []string{"", "utf-8", "UTF8", "utf-16le", "utf_16be", "windows-1251", "CP1251", "koi8-r"} {
		if err := CheckEncoding(name); err != nil {
			t.Errorf("CheckEncoding(%q) = %v", name, err)
		}
	}
	for _, name := range []string{"latin1", "utf-32", "ascii"} {
		if err := CheckEncoding(name); err == nil {
			t.Errorf("CheckEncoding(%q) = nil, want error", name)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain текст", "plain текст"},
		{"a\r\nb\rc\nd", "a\nb\nc\nd"},
		{"\r\r\n", "\n\n"},
		{"сниже\u00ADние", "снижение"},
		{"15\u200B,3\u200C%\u200D\u2060", "15,3%"},
		{"\uFEFFтекст\uFEFF", "текст"},
		// Kept: NBSP, thin and narrow spaces, dashes, quotes, minus.
		{"15\u00A0000 \u2009—\u2013 «это» \u202F\u2212", "15\u00A0000 \u2009—\u2013 «это» \u202F\u2212"},
		// Invalid bytes are not touched.
		{"a\xff\r\nb", "a\xff\nb"},
		// Mixed-script words take the script of most of their letters.
		{"5 млн КZT", "5 млн KZT"},
		{"бiр жүз", "бір жүз"},
		{"2,3 eсе", "2,3 есе"},
		{"$3.4 bіllion", "$3.4 billion"},
		// Pure words, and mixes without look-alikes, stay.
		{"Kazakhstan Казахстан", "Kazakhstan Казахстан"},
		{"ПЭТ/КТ iPhone", "ПЭТ/КТ iPhone"},
		{"Zжж", "Zжж"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func rels(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, filepath.ToSlash(it.Rel))
	}
	return out
}

func TestListFolder(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"b.txt":           "b",
		"a.md":            "a",
		"a/z.txt":         "z",
		"a-b.txt":         "ab",
		"a/sub/deep.TXT":  "deep",
		"c.json":          "{}",
		"notes":           "no extension",
		".hidden.txt":     "skip",
		".git/x.txt":      "skip",
		"photo.png":       "\x89PNG",
		"z/empty/.keep":   "",
		"a/sub/other.csv": "x",
	})
	tests := []struct {
		name string
		exts []string
		want []string
	}{
		{"default exts", nil, []string{"a-b.txt", "a.md", "a/sub/deep.TXT", "a/z.txt", "b.txt"}},
		{"only md", []string{".md"}, []string{"a.md"}},
		{"ext without dot", []string{"csv", ".JSON"}, []string{"a/sub/other.csv", "c.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := List([]string{root}, Options{Exts: tt.exts})
			if got := rels(items); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rels = %q, want %q", got, tt.want)
			}
			for _, it := range items {
				if it.Err != nil {
					t.Errorf("%s: unexpected error %v", it.Source, it.Err)
				}
				if want := filepath.Join(root, it.Rel); it.Source != want {
					t.Errorf("Source = %q, want %q", it.Source, want)
				}
			}
		})
	}
}

func TestListArguments(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"dir/x.txt": "x", "data.csv": "a,b"})
	missing := filepath.Join(root, "nope.txt")
	items := List([]string{filepath.Join(root, "data.csv"), "-", missing, filepath.Join(root, "dir")}, Options{})
	if len(items) != 4 {
		t.Fatalf("got %d items, want 4: %+v", len(items), items)
	}
	want := []Item{
		{Source: filepath.Join(root, "data.csv"), Rel: "data.csv"}, // named explicitly: any extension
		{Source: "-", Rel: "stdin"},
		{Source: missing, Rel: "nope.txt"},
		{Source: filepath.Join(root, "dir", "x.txt"), Rel: "x.txt"},
	}
	for i, it := range items {
		if it.Source != want[i].Source || it.Rel != want[i].Rel {
			t.Errorf("item %d = %q/%q, want %q/%q", i, it.Source, it.Rel, want[i].Source, want[i].Rel)
		}
		if (it.Err != nil) != (i == 2) {
			t.Errorf("item %d: err = %v", i, it.Err)
		}
	}
	err := items[2].Err
	if !strings.Contains(err.Error(), missing) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing path error = %v, want it naming %s and wrapping ErrNotExist", err, missing)
	}
	// The error item passes through Read unchanged.
	if got := Read(items[2], nil, Options{}); got.Err != err {
		t.Errorf("Read changed the error: %v", got.Err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unsupported: %v", err)
	}
}

func TestListSymlinks(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"a/x.txt": "x", "shared/s.txt": "s", "outside.txt": "o"})
	symlink(t, "..", filepath.Join(root, "a", "loop"))                          // a/loop -> root
	symlink(t, filepath.Join(root, "a"), filepath.Join(root, "a", "self"))      // a/self -> a
	symlink(t, filepath.Join(root, "shared"), filepath.Join(root, "a", "link")) // shared reached twice
	symlink(t, filepath.Join(root, "outside.txt"), filepath.Join(root, "a", "file.txt"))
	symlink(t, filepath.Join(root, "gone.txt"), filepath.Join(root, "a", "dangling.txt"))

	items := List([]string{filepath.Join(root, "a")}, Options{})
	var ok, failed []string
	for _, it := range items {
		if it.Err != nil {
			failed = append(failed, filepath.ToSlash(it.Rel))
			if !strings.Contains(it.Err.Error(), "dangling.txt") {
				t.Errorf("error %v does not name the link", it.Err)
			}
			continue
		}
		ok = append(ok, filepath.ToSlash(it.Rel))
	}
	// shared/ is reached through a/link and again through a/loop/shared:
	// walked once, under the name met first in directory order.
	wantOK := []string{"file.txt", "link/s.txt", "loop/outside.txt", "x.txt"}
	if !reflect.DeepEqual(ok, wantOK) {
		t.Errorf("items = %q, want %q", ok, wantOK)
	}
	if !reflect.DeepEqual(failed, []string{"dangling.txt"}) {
		t.Errorf("failed = %q, want the dangling link", failed)
	}
	got := Read(items[1], nil, Options{}) // file.txt
	if got.Err != nil || got.Text != "o" {
		t.Errorf("reading a symlinked file: %q, %v", got.Text, got.Err)
	}
}

func TestRead(t *testing.T) {
	root := t.TempDir()
	files := map[string][]byte{
		"utf8.txt":  []byte(ruSentence),
		"cp.txt":    encode(t, charmap.Windows1251, ruArticle),
		"koi.txt":   encode(t, charmap.KOI8R, ruArticleKOI),
		"kk16.txt":  encode(t, utf16LEBOM, kkSentence),
		"bad.txt":   []byte("Снижение \xff смертности"),
		"bin.txt":   {'P', 'K', 3, 4, 0, 0, 0, 0},
		"empty.txt": {},
		"big.txt":   bytes.Repeat([]byte("a"), 101),
		"fits.txt":  bytes.Repeat([]byte("a"), 100),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(root, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		file     string
		opt      Options
		want     string
		warnings []string
		err      string
	}{
		{file: "utf8.txt", want: ruSentence},
		{file: "cp.txt", want: ruArticle},
		{file: "koi.txt", want: ruArticleKOI},
		{file: "kk16.txt", want: kkSentence},
		{file: "cp.txt", opt: Options{Encoding: "koi8-r"}, want: string(mustDecode(t, charmap.KOI8R, files["cp.txt"]))},
		{file: "bad.txt", want: "Снижение \uFFFD смертности", warnings: []string{"bad.txt: invalid UTF-8 replaced with U+FFFD"}},
		{file: "bin.txt", err: "bin.txt: binary file"},
		{file: "empty.txt", want: ""},
		{file: "big.txt", opt: Options{MaxBytes: 100}, err: "big.txt: too large: 101 bytes"},
		{file: "fits.txt", opt: Options{MaxBytes: 100}, want: strings.Repeat("a", 100)},
		{file: "utf8.txt", opt: Options{Encoding: "ebcdic"}, err: "utf8.txt: unknown encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			items := List([]string{filepath.Join(root, tt.file)}, tt.opt)
			it := Read(items[0], nil, tt.opt)
			for i, w := range tt.warnings {
				tt.warnings[i] = filepath.Join(root, w)
			}
			if tt.err != "" {
				if it.Err == nil || !strings.Contains(it.Err.Error(), filepath.Join(root, tt.err)) {
					t.Fatalf("err = %v, want %q", it.Err, tt.err)
				}
				return
			}
			if it.Err != nil {
				t.Fatalf("Read: %v", it.Err)
			}
			if it.Text != tt.want {
				t.Errorf("Text = %q, want %q", it.Text, tt.want)
			}
			if !reflect.DeepEqual(it.Warnings, tt.warnings) {
				t.Errorf("Warnings = %q, want %q", it.Warnings, tt.warnings)
			}
		})
	}
}

func mustDecode(t *testing.T, cm *charmap.Charmap, b []byte) []byte {
	t.Helper()
	out, err := cm.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The size limit is checked with Stat before opening: a sparse file far
// over the default limit is refused at once, with its size from Stat.
func TestReadRefusesLargeFileUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	const size = DefaultMaxBytes*4 + 7
	if err := f.Truncate(size); err != nil {
		t.Skipf("sparse files unsupported: %v", err)
	}
	f.Close()
	it := Read(Item{Source: path, Rel: "huge.txt"}, nil, Options{})
	if it.Err == nil {
		t.Fatal("no error for a file over the limit")
	}
	if msg := it.Err.Error(); !strings.HasPrefix(msg, path+": ") || !strings.Contains(msg, "268435463 bytes") {
		t.Errorf("err = %q, want it naming the file and its size", msg)
	}
	if it.Text != "" {
		t.Errorf("text read from a refused file")
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name  string
		in    io.Reader
		opt   Options
		want  string
		warns []string
		err   string
	}{
		{name: "koi8-r", in: bytes.NewReader(encode(t, charmap.KOI8R, ruArticleKOI)), want: ruArticleKOI},
		{name: "bad utf-8", in: strings.NewReader("a\xffb"), want: "a\uFFFDb", warns: []string{"stdin: invalid UTF-8 replaced with U+FFFD"}},
		{name: "too large", in: strings.NewReader("abcdef"), opt: Options{MaxBytes: 5}, err: "stdin: too large"},
		{name: "binary", in: strings.NewReader("a\x00b"), err: "stdin: binary file"},
		{name: "read error", in: errReader{}, err: "stdin: boom"},
		{name: "no reader", in: nil, err: "stdin: no input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := Read(Item{Source: "-", Rel: "stdin"}, tt.in, tt.opt)
			if tt.err != "" {
				if it.Err == nil || !strings.HasPrefix(it.Err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", it.Err, tt.err)
				}
				return
			}
			if it.Err != nil || it.Text != tt.want || !reflect.DeepEqual(it.Warnings, tt.warns) {
				t.Errorf("got %q %q %v, want %q %q", it.Text, it.Warnings, it.Err, tt.want, tt.warns)
			}
		})
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

// collect runs jsonl and returns what fn saw, as "source|id|text|lang|published|err|warnings".
func collect(t *testing.T, in string, maxLine int) ([]string, error) {
	t.Helper()
	var got []string
	err := jsonl(strings.NewReader(in), "feed.jsonl", maxLine, func(it Item) error {
		e := ""
		if it.Err != nil {
			e = it.Err.Error()
		}
		if it.Source != it.Rel {
			t.Errorf("Source %q != Rel %q", it.Source, it.Rel)
		}
		got = append(got, strings.Join([]string{it.Source, it.ID, it.Text, it.Lang, it.Published, e, strings.Join(it.Warnings, ";")}, "|"))
		return nil
	})
	return got, err
}

func TestJSONL(t *testing.T) {
	long := strings.Repeat("Снижение смертности на 15,3%. ", 40000) // ~1.4 MB, far over bufio's buffer
	tests := []struct {
		name    string
		in      string
		maxLine int
		want    []string
	}{
		{
			name: "good lines, blank lines, numeric id",
			in: `{"id": "a1", "text": "Рост 5%", "lang": "ru", "published": "2024-03-05"}` + "\n\n   \n" +
				`{"id": 17, "text": "GDP +3%"}` + "\n" + `{"id": 1.50, "text": "x"}` + "\n",
			want: []string{
				"a1|a1|Рост 5%|ru|2024-03-05||",
				"17|17|GDP +3%||||",
				"1.50|1.50|x||||",
			},
		},
		{
			name: "malformed lines keep their number",
			in: `{"id": "ok", "text": "t"}` + "\n" +
				`{"id": "x", "text": ` + "\n" +
				`{"id": "no-text"}` + "\n" +
				"\n" +
				`{"id": 5, "text": 42}` + "\n" +
				`["not", "object"]` + "\n" +
				`{"id": true, "text": "t"}` + "\n" +
				`{"id": "z", "text": "t", "lang": 1}` + "\n" +
				`{"text": "no id"}`,
			want: []string{
				"ok|ok|t||||",
				"feed.jsonl:2|feed.jsonl:2||||feed.jsonl:2: bad JSON: unexpected end of JSON input|",
				"no-text|no-text||||feed.jsonl:3: missing text|",
				"5|5||||feed.jsonl:5: text must be a string|",
				"feed.jsonl:6|feed.jsonl:6||||feed.jsonl:6: not a JSON object|",
				"feed.jsonl:7|feed.jsonl:7||||feed.jsonl:7: id must be a string or a number|",
				"z|z|t|||feed.jsonl:8: lang must be a string|",
				"feed.jsonl:9||no id||||",
			},
		},
		{
			name: "published forms",
			in: `{"id": "a", "text": "t", "published": "2024-03-05T10:00:00+05:00"}` + "\n" +
				`{"id": "b", "text": "t", "published": "05.03.2024"}` + "\n" +
				`{"id": "c", "text": "t", "published": "2024-02-30"}` + "\n",
			want: []string{
				"a|a|t||2024-03-05||",
				`b|b|t||||feed.jsonl:2: published "05.03.2024" is not a YYYY-MM-DD date, ignored`,
				`c|c|t||||feed.jsonl:3: published "2024-02-30" is not a YYYY-MM-DD date, ignored`,
			},
		},
		{
			name: "bom, crlf, last line without newline, bad utf-8",
			in:   "\uFEFF" + `{"id": "a", "text": "t"}` + "\r\n" + `{"id": "b", "text": "x` + "\xff" + `"}`,
			want: []string{
				"a|a|t||||",
				"b|b|x\uFFFD||||feed.jsonl:2: invalid UTF-8 replaced with U+FFFD",
			},
		},
		{
			name: "very long line",
			in:   `{"id": "long", "text": "` + long + `"}` + "\n" + `{"id": "next", "text": "t"}`,
			want: []string{"long|long|" + long + "||||", "next|next|t||||"},
		},
		{
			name:    "line over the limit is skipped whole",
			in:      `{"id": "a", "text": "short"}` + "\n" + `{"id": "b", "text": "` + strings.Repeat("x", 200) + `"}` + "\n" + `{"id": "c", "text": "t"}`,
			maxLine: 100,
			want: []string{
				"a|a|short||||",
				"feed.jsonl:2|feed.jsonl:2||||feed.jsonl:2: line longer than 100 bytes|",
				"c|c|t||||",
			},
		},
		{name: "empty input", in: "", want: nil},
		{name: "only blank lines", in: "\n\r\n  \n", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			maxLine := tt.maxLine
			if maxLine == 0 {
				maxLine = MaxLineBytes
			}
			got, err := collect(t, tt.in, maxLine)
			if err != nil {
				t.Fatalf("jsonl: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				if len(got) == len(tt.want) {
					for i := range got {
						if got[i] != tt.want[i] {
							t.Errorf("record %d:\n got %.200q\nwant %.200q", i, got[i], tt.want[i])
						}
					}
				} else {
					t.Errorf("got %d records %.300q, want %d", len(got), got, len(tt.want))
				}
			}
		})
	}
}

func TestJSONLStopsAndWraps(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := JSONL(strings.NewReader("{\"text\":\"a\"}\n{\"text\":\"b\"}\n"), "-", func(Item) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Errorf("err = %v after %d calls, want fn's error after 1", err, calls)
	}

	err = JSONL(io.MultiReader(strings.NewReader("{\"text\":\"a\"}\n"), errReader{}), "-", func(it Item) error {
		if it.Source != "stdin:1" {
			t.Errorf("Source = %q, want stdin:1", it.Source)
		}
		return nil
	})
	if err == nil || err.Error() != "read stdin: boom" {
		t.Errorf("err = %v, want read stdin: boom", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(ruSentence), uint8(0))
	f.Add(encode(f, charmap.Windows1251, ruSentence), uint8(0))
	f.Add(encode(f, charmap.KOI8R, ruSentence), uint8(5))
	f.Add(encode(f, utf16LEBOM, kkSentence), uint8(0))
	f.Add(encode(f, utf16BE, kkSentence), uint8(3))
	f.Add([]byte("a\x00\xd8\x00"), uint8(2))
	f.Add([]byte("caf\xe9\xff\xfe"), uint8(1))
	names := []string{"", "utf-8", "utf-16le", "utf-16be", "windows-1251", "koi8-r"}
	f.Fuzz(func(t *testing.T, raw []byte, which uint8) {
		text, _, err := Decode(raw, names[int(which)%len(names)])
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Errorf("Decode(%q) = %q, not valid UTF-8", raw, text)
		}
		if strings.ContainsRune(text, 0) {
			t.Errorf("Decode(%q) = %q, contains NUL", raw, text)
		}
		if n := Normalize(text); !utf8.ValidString(n) || strings.ContainsAny(n, "\r\u00AD\u200B") {
			t.Errorf("Normalize(%q) = %q", text, n)
		}
	})
}

func FuzzJSONL(f *testing.F) {
	f.Add(`{"id": 1, "text": "a"}` + "\n\n" + `{"id": "b", "text": "c", "published": "2024-01-02"}`)
	f.Add(`{"id": "x", "text": ` + "\n" + `[1]` + "\r\n" + `null`)
	f.Add("\uFEFF{\"text\":\"\xff\"}")
	f.Fuzz(func(t *testing.T, in string) {
		line := 0
		err := jsonl(strings.NewReader(in), "f", 64, func(it Item) error {
			line++
			if it.Err == nil && !utf8.ValidString(it.Text) {
				t.Errorf("record %d: text %q not valid UTF-8", line, it.Text)
			}
			if it.Source == "" {
				t.Errorf("record %d: empty Source", line)
			}
			return nil
		})
		if err != nil {
			t.Errorf("jsonl: %v", err)
		}
	})
}
