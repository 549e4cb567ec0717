// The development login (demo personas) exists only in the H5 build; WeChat users sign in silently.
const devPages = process.env.TARO_ENV === 'h5' ? ['pages/dev-login/index'] : [];

export default defineAppConfig({
  pages: ['pages/stations/index', 'pages/wishes/index', 'pages/me/index', 'pages/station/index', 'pages/privacy/index', ...devPages],
  subPackages: [
    {
      // A station's page (pages/station/index forwards to it: printed QR codes and shared links keep working).
      root: 'pkg-station',
      pages: ['detail/index'],
    },
    {
      // Station hosts (驿站负责人) keeping their stations true (staff use the same editor), and joining by invitation.
      root: 'pkg-host',
      pages: ['stations/index', 'editor/index', 'hours/index', 'history/index', 'reports/index', 'member-scan/index', 'join/index'],
    },
    {
      // Union staff and admin tools: loaded only by the few who use them.
      root: 'pkg-staff',
      pages: ['workbench/index', 'audit/index', 'staff-admin/index', 'applications/index', 'application/index', 'reports/index', 'visits/index', 'coverage/index', 'station-qr/index', 'stations/index', 'station-form/index', 'import/index', 'health/index'],
    },
    {
      // My own records: the problems I reported and their answers; the districts kept for offline use.
      root: 'pkg-me',
      pages: ['reports/index', 'offline/index'],
    },
    {
      // Joining the union (网上入会): the form, the status timeline, the e-card.
      root: 'pkg-member',
      pages: ['apply/index', 'status/index', 'card/index'],
    },
    {
      // Hardship files (困难帮扶): the worker's own file and QR card, the application; staff files and scans.
      root: 'pkg-hardship',
      pages: ['mine/index', 'apply/index', 'files/index', 'file/index', 'form/index', 'scan/index'],
    },
    {
      // Micro-wishes (微心愿) beyond the wall tab: a wish, volunteers and claims, the worker's wishes and
      // form, staff moderation and numbers, the station's handover.
      root: 'pkg-wishes',
      pages: ['detail/index', 'volunteer/index', 'claimed/index', 'mine/index', 'post/index', 'review/index', 'stats/index', 'handover/index'],
    },
    {
      // The station notice board (公告栏): nearby jobs and events, a post, the hosts' form and check-in
      // desk, staff moderation. The station page's own short list is in pkg-station.
      root: 'pkg-board',
      pages: ['nearby/index', 'post/index', 'compose/index', 'checkin/index', 'moderation/index'],
    },
  ],
  // The finder opens station pages all the time: fetch their subpackage as soon as the finder shows.
  preloadRule: { 'pages/stations/index': { network: 'all', packages: ['pkg-station'] } },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '驿站',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
    // WeChat always draws its bar with a back button; the browser gets Taro's, which offers back (or
    // home, when the page was opened by link) on every page that is not a tab.
    ...(process.env.TARO_ENV === 'h5' ? { navigationStyle: 'default' as const } : {}),
  },
  tabBar: {
    color: '#5c5f66',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/stations/index', text: '驿站', iconPath: 'assets/tab/stations.png', selectedIconPath: 'assets/tab/stations-active.png' },
      { pagePath: 'pages/wishes/index', text: '心愿', iconPath: 'assets/tab/wishes.png', selectedIconPath: 'assets/tab/wishes-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于查找您附近正在开放的驿站' },
  },
  // WeChat's privacy rules: every private API the app calls is declared here.
  requiredPrivateInfos: ['getLocation'],
  lazyCodeLoading: 'requiredComponents',
});
