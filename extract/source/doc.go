// Package source finds factx's inputs and turns them into text.
//
// Articles arrive as files named on the command line, folders of them, stdin
// or JSON Lines records, and the files come in whatever encoding the site or
// the person who saved them used: UTF-8 with or without a BOM, UTF-16 from
// Windows tools, or the legacy Russian code pages Windows-1251 and KOI8-R.
// The extractor should see none of that. List expands arguments into items
// in a stable order, Read decodes each file (detecting the encoding, or
// forcing one), JSONL streams records, and Normalize removes the invisible
// characters and line-ending differences that would otherwise break
// patterns and offsets.
//
// A problem with one input never stops the batch: it is recorded on that
// item (Err for fatal ones, Warnings otherwise), each message naming the
// path or the line, so a run over thousands of files reports the few bad
// ones and goes on.
package source
