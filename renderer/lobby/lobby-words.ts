/** The lobby pages' few words beyond the board's catalog, by language (English when missing). */
interface LobbyWords {
  scanToBook(time: string): string;
  todayAt: string;
}

const WORDS: Readonly<Record<string, LobbyWords>> = {
  en: { scanToBook: (time) => `Scan to book ${time}`, todayAt: 'Today' },
  zh: { scanToBook: (time) => `扫码预订 ${time}`, todayAt: '今天' },
  ms: { scanToBook: (time) => `Imbas untuk tempah ${time}`, todayAt: 'Hari ini' },
  fr: { scanToBook: (time) => `Scannez pour réserver ${time}`, todayAt: "Aujourd'hui" },
};

export function lobbyWords(locale: string): LobbyWords {
  return WORDS[locale.split('-')[0]!.toLowerCase()] ?? WORDS['en']!;
}
