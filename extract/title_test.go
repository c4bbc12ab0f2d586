package extract

import (
	"reflect"
	"testing"
)

// TestDropTitleRepeats checks that a fact of the headline goes when the
// body repeats it (kind, unit and value), and stays otherwise, in place.
func TestDropTitleRepeats(t *testing.T) {
	text := "Рост 5% и 7 млрд\n\nТело: рост на 5%, затем 7 млрд тенге и 9%."
	fact := func(kind string, v float64, unit string, start, end int) Fact {
		return Fact{Kind: kind, Value: Number(v), Unit: unit, Start: start, End: end}
	}
	title5, title7 := fact("percent", 5, "%", 5, 7), fact("money", 7e9, "KZT", 10, 16)
	body5, body7, body9 := fact("percent", 5, "%", 40, 42), fact("money", 7e9, "KZT", 50, 62), fact("percent", 9, "%", 65, 67)
	tests := []struct {
		name        string
		text        string
		facts, want []Fact
	}{
		{"both repeated", text, []Fact{title5, title7, body5, body7, body9}, []Fact{body5, body7, body9}},
		{"one repeated", text, []Fact{title5, title7, body5, body9}, []Fact{title7, body5, body9}},
		{"other unit: kept", text, []Fact{title5, fact("percent", 5, "pp", 40, 42)}, []Fact{title5, fact("percent", 5, "pp", 40, 42)}},
		{"none repeated", text, []Fact{title5, body9}, []Fact{title5, body9}},
		{"no headline", "", []Fact{body5}, []Fact{body5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropTitleRepeats(tt.text, append([]Fact(nil), tt.facts...)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("dropTitleRepeats = %+v, want %+v", got, tt.want)
			}
		})
	}
}
