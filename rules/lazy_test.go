package rules

import (
	"reflect"
	"sync"
	"testing"
)

// TestLoadLazy: a lazily compiled set has the same languages, rules and
// lexicons as a strictly loaded one, also when asked from many goroutines.
func TestLoadLazy(t *testing.T) {
	strict, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	lazy, err := LoadLazy()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(lazy.Codes(), strict.Codes()) {
		t.Fatalf("codes %v, want %v", lazy.Codes(), strict.Codes())
	}
	if lazy.Lang("xx") != nil {
		t.Errorf("unknown language compiled")
	}
	var wg sync.WaitGroup
	got := make([]*Lang, 4*len(lazy.Codes()))
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = lazy.Lang(lazy.Codes()[i%len(lazy.Codes())])
		}()
	}
	wg.Wait()
	for i, l := range got {
		code := lazy.Codes()[i%len(lazy.Codes())]
		if l != got[i%len(lazy.Codes())] {
			t.Errorf("%s compiled more than once", code)
		}
		want := strict.Lang(code)
		if len(l.Rules) != len(want.Rules) || len(l.Lexicons) != len(want.Lexicons) {
			t.Fatalf("%s: %d rules, %d lexicons; want %d, %d", code, len(l.Rules), len(l.Lexicons), len(want.Rules), len(want.Lexicons))
		}
		for j, r := range l.Rules {
			if r.Name != want.Rules[j].Name || r.Regexp().String() != want.Rules[j].Regexp().String() {
				t.Errorf("%s: rule %d is %s, want %s", code, j, r.Name, want.Rules[j].Name)
			}
		}
	}
}
