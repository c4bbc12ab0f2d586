package extract

import (
	"math/big"
	"testing"
)

// FuzzRatFloat checks the one-division path of ratFloat against
// big.Rat's own rounding, around 2^53 and beyond it.
func FuzzRatFloat(f *testing.F) {
	for _, s := range [][2]int64{{1, 1}, {125, 10}, {-7, 3}, {1 << 53, 3}, {1<<53 + 1, 10}, {-(1 << 53), 1 << 53}, {1, 1<<53 + 1}, {9007199254740993, 1000}, {0, 5}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b int64) {
		if b == 0 {
			return
		}
		v := big.NewRat(a, b)
		want, _ := v.Float64()
		if got := ratFloat(v); got != want {
			t.Fatalf("ratFloat(%d/%d) = %v, Float64 gives %v", a, b, got, want)
		}
		// beyond int64 the fallback answers
		w := new(big.Rat).Mul(v, new(big.Rat).SetFrac(new(big.Int).Lsh(big.NewInt(1), 70), big.NewInt(3)))
		want, _ = w.Float64()
		if got := ratFloat(w); got != want {
			t.Fatalf("ratFloat(%v) = %v, Float64 gives %v", w, got, want)
		}
	})
}
