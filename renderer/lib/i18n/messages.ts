/**
 * Every word the board and door signs show. Numbers and times arrive already
 * formatted by `Intl` in the same locale, so catalogs only place them.
 */
export interface Messages {
  today: string;
  tomorrow: string;
  available: string;
  fewLeft(seats: string): string;
  soldOut: string;
  cancelled: string;
  seatingNow: string;
  started: string;
  /** Door sign: the show in the auditorium now. */
  nowShowing: string;
  startsAt(time: string): string;
  startedAt(time: string): string;
  endsAround(time: string): string;
  next: string;
  /** Door sign: the show after the next one. */
  later: string;
  noMoreToday: string;
  unknownScreen: string;
  noShows: string;
  live: string;
  upstreamConnecting: string;
  upstreamReconnecting: string;
  upstreamOffline: string;
  updatedAgo(age: string): string;
  seatsAsOf(time: string): string;
  offline: string;
  offlineDetail(time: string): string;
  connecting: string;
  pageOf(page: string, pages: string): string;
  /** A show's auditorium, from its short label: "Screen 3"; a worded label ("IMAX") stands alone. */
  screen(label: string): string;
  /** The last slot of a card that lists only some of its shows. */
  moreShows(count: string): string;
  /** Departures board: its column headings and title. */
  departures: string;
  colTime: string;
  colFilm: string;
  colScreen: string;
  colOffers: string;
  colSeats: string;
}

export const en: Messages = {
  today: 'Today',
  tomorrow: 'Tomorrow',
  available: 'Available',
  fewLeft: (n) => `${n} left`,
  soldOut: 'Sold out',
  cancelled: 'Cancelled',
  seatingNow: 'Seating now',
  started: 'Started',
  nowShowing: 'Now showing',
  startsAt: (t) => `Starts ${t}`,
  startedAt: (t) => `Started ${t}`,
  endsAround: (t) => `Ends about ${t}`,
  next: 'Next',
  later: 'Later',
  noMoreToday: 'No more shows today',
  unknownScreen: 'This screen has no shows scheduled',
  noShows: 'No shows scheduled',
  live: 'Live',
  upstreamConnecting: 'Connecting to box office',
  upstreamReconnecting: 'Box office link lost, reconnecting',
  upstreamOffline: 'Box office offline',
  updatedAgo: (a) => `Updated ${a}`,
  seatsAsOf: (t) => `Seats as of ${t}`,
  offline: 'Offline',
  offlineDetail: (t) => `Showing times received at ${t}. Reconnecting…`,
  connecting: 'Connecting…',
  pageOf: (p, n) => `Page ${p} of ${n}`,
  screen: (l) => (/^\d/.test(l) ? `Screen ${l}` : l),
  moreShows: (n) => `+${n} more`,
  departures: 'Next shows',
  colTime: 'Time',
  colFilm: 'Film',
  colScreen: 'Screen',
  colOffers: 'Offers',
  colSeats: 'Seats',
};

export const zhCN: Messages = {
  today: '今天',
  tomorrow: '明天',
  available: '有座',
  fewLeft: (n) => `仅剩${n}座`,
  soldOut: '售罄',
  cancelled: '已取消',
  seatingNow: '正在入场',
  started: '已开场',
  nowShowing: '正在放映',
  startsAt: (t) => `${t}开映`,
  startedAt: (t) => `${t}已开场`,
  endsAround: (t) => `约${t}散场`,
  next: '下一场',
  later: '稍后',
  noMoreToday: '今日放映已结束',
  unknownScreen: '本影厅暂无排片',
  noShows: '暂无排片',
  live: '实时',
  upstreamConnecting: '正在连接票务系统',
  upstreamReconnecting: '票务系统连接中断，正在重连',
  upstreamOffline: '票务系统离线',
  updatedAgo: (a) => `更新于${a}`,
  seatsAsOf: (t) => `座位信息截至${t}`,
  offline: '离线',
  offlineDetail: (t) => `显示${t}收到的场次，正在重新连接…`,
  connecting: '正在连接…',
  pageOf: (p, n) => `第${p}页，共${n}页`,
  screen: (l) => (/^\d/.test(l) ? `${l}号厅` : l),
  moreShows: (n) => `另有${n}场`,
  departures: '即将放映',
  colTime: '时间',
  colFilm: '影片',
  colScreen: '影厅',
  colOffers: '特色',
  colSeats: '座位',
};

export const ms: Messages = {
  today: 'Hari ini',
  tomorrow: 'Esok',
  available: 'Ada tempat',
  fewLeft: (n) => `Tinggal ${n}`,
  soldOut: 'Penuh',
  cancelled: 'Dibatalkan',
  seatingNow: 'Sila masuk',
  started: 'Sudah mula',
  nowShowing: 'Sedang ditayangkan',
  startsAt: (t) => `Mula ${t}`,
  startedAt: (t) => `Bermula ${t}`,
  endsAround: (t) => `Tamat kira-kira ${t}`,
  next: 'Seterusnya',
  later: 'Kemudian',
  noMoreToday: 'Tiada lagi tayangan hari ini',
  unknownScreen: 'Tiada tayangan dijadualkan di panggung ini',
  noShows: 'Tiada tayangan dijadualkan',
  live: 'Langsung',
  upstreamConnecting: 'Menyambung ke kaunter tiket',
  upstreamReconnecting: 'Sambungan kaunter tiket terputus, menyambung semula',
  upstreamOffline: 'Kaunter tiket di luar talian',
  updatedAgo: (a) => `Dikemas kini ${a}`,
  seatsAsOf: (t) => `Tempat duduk setakat ${t}`,
  offline: 'Luar talian',
  offlineDetail: (t) => `Memaparkan jadual yang diterima pada ${t}. Menyambung semula…`,
  connecting: 'Menyambung…',
  pageOf: (p, n) => `Halaman ${p} daripada ${n}`,
  screen: (l) => (/^\d/.test(l) ? `Panggung ${l}` : l),
  moreShows: (n) => `+${n} lagi`,
  departures: 'Tayangan seterusnya',
  colTime: 'Masa',
  colFilm: 'Filem',
  colScreen: 'Panggung',
  colOffers: 'Ciri',
  colSeats: 'Tempat',
};

export const fr: Messages = {
  today: 'Aujourd’hui',
  tomorrow: 'Demain',
  available: 'Disponible',
  fewLeft: (n) => `Plus que ${n}`,
  soldOut: 'Complet',
  cancelled: 'Annulée',
  seatingNow: 'Salle ouverte',
  started: 'Commencée',
  nowShowing: 'Séance en cours',
  startsAt: (t) => `Début ${t}`,
  startedAt: (t) => `Commencée à ${t}`,
  endsAround: (t) => `Fin vers ${t}`,
  next: 'Prochaine séance',
  later: 'Ensuite',
  noMoreToday: 'Plus de séances aujourd’hui',
  unknownScreen: 'Aucune séance programmée dans cette salle',
  noShows: 'Aucune séance programmée',
  live: 'En direct',
  upstreamConnecting: 'Connexion à la billetterie',
  upstreamReconnecting: 'Billetterie injoignable, reconnexion',
  upstreamOffline: 'Billetterie hors ligne',
  updatedAgo: (a) => `Mis à jour ${a}`,
  seatsAsOf: (t) => `Places à ${t}`,
  offline: 'Hors ligne',
  offlineDetail: (t) => `Horaires reçus à ${t}. Reconnexion…`,
  connecting: 'Connexion…',
  pageOf: (p, n) => `Page ${p} sur ${n}`,
  screen: (l) => (/^\d/.test(l) ? `Salle ${l}` : l),
  moreShows: (n) => `+${n} autres`,
  departures: 'Prochaines séances',
  colTime: 'Heure',
  colFilm: 'Film',
  colScreen: 'Salle',
  colOffers: 'Séance',
  colSeats: 'Places',
};
