import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { loginSilently } from './services/api';
import { canLoginSilently, loadSession } from './services/session';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // In WeChat the worker never sees a login step: sign in quietly on launch when there is no session.
    if (canLoginSilently && !loadSession()) loginSilently().catch(() => undefined);
  });
  // children is the page being shown
  return children;
}

export default App;
