package describe

import "testing"

func TestFunctionWordLanguage(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"english", "The minister said on Tuesday that the talks with the union had been productive and that a deal would be signed after the holiday, but he gave no date for it.", "en"},
		{"english wire", "Bean shippers were reluctant to offer nearby shipment and only limited sales were booked for March shipment at 1,750 to 1,780 dlrs per tonne to ports to be named, the company said.", "en"},
		{"french", "Le ministre a déclaré mardi que les discussions avec le syndicat ont été productives et qu'un accord sera signé après les vacances, mais il n'a pas donné de date.", "fr"},
		{"german", "Der Minister sagte am Dienstag, die Gespräche mit der Gewerkschaft seien produktiv gewesen und ein Abkommen werde nach dem Urlaub unterzeichnet, nannte aber kein Datum.", "de"},
		{"spanish", "El ministro dijo el martes que las conversaciones con el sindicato fueron productivas y que se firmará un acuerdo después de las vacaciones, pero no dio una fecha para ello.", "es"},
		{"russian", "Министр заявил во вторник, что переговоры с профсоюзом были продуктивными и что соглашение будет подписано после праздников, но он не назвал дату для этого и не ответил на вопросы.", "ru"},
		{"too short", "The talks went well.", ""},
		{"numbers only", "1,750 2,300 4.5 pct 12.1 mln dlrs vs 11.9 mln, 1.2 billion 3.4 billion 5.6 7.8 9.1 2.3 4.5 6.7 8.9 1.1 2.2 3.3", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := functionWordLanguage(tc.text); got != tc.want {
				t.Errorf("functionWordLanguage = %q, want %q", got, tc.want)
			}
		})
	}
}

func BenchmarkFunctionWordLanguage(b *testing.B) {
	text := "The minister said on Tuesday that the talks with the union had been productive and that a deal would be signed after the holiday, but he gave no date for it. "
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		functionWordLanguage(text)
	}
}
