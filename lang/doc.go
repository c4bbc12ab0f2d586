// Package lang tells which of factx's three languages (Russian, Kazakh,
// English) a text is in, and reduces words to stems so that word lists in
// the rules files match inflected forms.
//
// # Why a letter rule comes before statistics
//
// The three languages are mostly told apart by their letters alone: English
// is written in Latin letters, and Kazakh has nine Cyrillic letters that
// Russian lacks (Ә Ғ Қ Ң Ө Ұ Ү Һ І). In Kazakh prose 40-70% of the words
// hold one of them; in Russian news about Kazakhstan hardly any word does
// (a name such as Қасым-Жомарт at most). Counting letters is exact,
// deterministic, explainable and costs a few microseconds per article.
//
// The statistical detector (lingua, here with the trigram models of the
// three languages only) is slower, costs about 30 ms on first use to load
// its models (preloading every model would take about 200 ms and 140 MB),
// and is no better where the letters are clear: on short Russian news
// sentences without a single Kazakh letter it calls some of them Kazakh
// ("Курс доллара вырос до 470 тенге."). So it is asked only where letters
// do not decide:
//
//   - Cyrillic text with a few Kazakh letters, below a fifth of its words:
//     a Russian article quoting Kazakh names, or a short Kazakh phrase;
//   - Cyrillic text of at most three words with no Kazakh letter, where a
//     Kazakh phrase can lack them ("Су сап-сары."). Measured on word
//     windows of the seed articles and the Kazakh evaluation sentences,
//     with both languages equally likely, statistics err less than
//     answering Russian for up to three words and more from four on.
//
// Latin against Cyrillic is settled by the majority of letters, even in
// mixed text: lingua's own first step goes by the script of most words,
// which is no better ("Компания Apple представила iPhone" has more Latin
// words but more Cyrillic letters). So the script is never left to it, and
// an English answer from it on mostly Cyrillic text is ignored.
//
// Detection reads only the first 500 letters or so, up to a word boundary,
// so it is cheap on long articles; the seed articles keep their labels from
// 50 letters on.
//
// Known limits: a short Russian sentence spelling most of its names the
// Kazakh way ("Тоқаев прибыл в Ақтөбе") is called Kazakh, and lingua would
// call it Kazakh as well; Kazakh written in Latin letters is called English.
// Callers that know the language (a --lang flag) should pass it instead.
//
// # Stems
//
// Russian and English use the Snowball stemmers. Kazakh is agglutinative
// and has no stemmer here, so it is stemmed by stripping suffixes that the
// rules files list, which keeps the language knowledge in data.
package lang
