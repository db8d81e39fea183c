/**
 * The demo accounts `npm start` seeds into the Auth emulator. Local development only: the web
 * client offers them as one-click sign-ins when it talks to the emulators.
 */
export const DEMO_PASSWORD = 'natter-demo';

export const DEMO_USERS = [
  { uid: 'demo-ana', email: 'ana@natter.test', displayName: 'Ana Alvarez', about: 'Coffee first.' },
  { uid: 'demo-ben', email: 'ben@natter.test', displayName: 'Ben Okafor', about: 'Out cycling.' },
  { uid: 'demo-cai', email: 'cai@natter.test', displayName: 'Cai Lindqvist', about: 'Ask me about Rust.' },
  { uid: 'demo-dev', email: 'dev@natter.test', displayName: 'Dev Sharma', about: 'Natter staff.', staffRole: 'admin' },
] as const;

export const DEMO_GROUP_ID = 'demo-group-weekend';
export const DEMO_GROUP_NAME = 'Weekend plans';
