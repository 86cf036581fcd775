import { App } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { useEffect } from 'react';
import { isAuthProblem } from '../lib/api';
import { describeError } from '../lib/api-errors';

let messageApi: MessageInstance | null = null;

/**
 * Mounted once inside antd's <App>: hands its context-aware message API to code outside React
 * (the query client's error handlers).
 */
export function FeedbackBridge(): null {
  const { message } = App.useApp();
  useEffect(() => {
    messageApi = message;
    return () => {
      if (messageApi === message) messageApi = null;
    };
  }, [message]);
  return null;
}

/**
 * The one place a failed API call becomes an on-screen message. Sign-in and forced password
 * changes are not shown here: the router sends the user to the right page instead.
 */
export function notifyError(err: unknown): void {
  if (isAuthProblem(err)) return;
  if (err instanceof DOMException && err.name === 'AbortError') return;
  const text = describeError(err);
  // The same failure (e.g. three queries hitting a dead server) shows once.
  messageApi?.error({ content: text, key: text, duration: 5 });
}
