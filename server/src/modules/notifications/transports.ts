import crypto from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '../../../../common/src/masking.js';
import type { Config } from '../../config.js';

/** One message for one recipient. `to` is the plain phone number, decrypted just before sending. */
export interface OutgoingMessage {
  /** The outbox row: the gateway's idempotency key, so a re-sent row can be recognised there. */
  outboxId: number;
  topic: string;
  channel: 'sms';
  to: string;
  text: string;
}

/**
 * A way of delivering messages. `send` resolves once the message is accepted and throws
 * `TransportError` otherwise; a permanent error (the gateway refused the message itself) is not retried.
 *
 * Provided: `log` (development: the message goes to the log, masked, and to the outbox row where
 * administrators read it) and `http` (an SMS gateway). E-mail over SMTP would be one more
 * implementation of this interface; it is not provided yet.
 */
export interface Transport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

export class TransportError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/** Development transport: writes a masked line to the log; the sender keeps the text in the outbox. */
export function logTransport(log: Pick<FastifyBaseLogger, 'info'>): Transport {
  return {
    name: 'log',
    async send(m) {
      log.info(
        {
          outboxId: m.outboxId,
          topic: m.topic,
          to: maskPhone(m.to),
          chars: m.text.length,
          // The portal's one-time code is shown so a developer can sign a test petition in.
          ...(m.topic === 'sms.portal.code' && { text: m.text }),
        },
        'sms (log)',
      );
    },
  };
}

/** HMAC-SHA256 over `${timestamp}.${body}`, hex: what the gateway checks in `X-Laiban-Signature`. */
export function signBody(secret: string, timestamp: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * An HTTP SMS gateway: one JSON POST per message, `{ id, to, text, signature }`, signed with
 * `X-Laiban-Signature: sha256=<hmac>` over the timestamp and the body so the gateway can tell the
 * request came from this installation and was not replayed later. `Idempotency-Key` carries the
 * outbox row, so a retry after a lost answer can be recognised by the gateway.
 * 2xx = accepted; 408, 429 and 5xx or no answer = try again later; any other 4xx = refused for good.
 */
export function httpSmsTransport(opts: {
  url: string;
  secret: string;
  signature: string;
  timeoutMs?: number;
}): Transport {
  return {
    name: 'http',
    async send(m) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const body = JSON.stringify({
        id: `laiban-${m.outboxId}`,
        to: m.to,
        text: m.text,
        signature: opts.signature,
      });
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `laiban-${m.outboxId}`,
            'x-laiban-timestamp': timestamp,
            'x-laiban-signature': `sha256=${signBody(opts.secret, timestamp, body)}`,
          },
          body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw new TransportError(`gateway unreachable: ${(err as Error).name}`);
      }
      // The gateway's answer may echo the number: only the status is kept.
      await res.body?.cancel();
      if (res.ok) return;
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      throw new TransportError(`gateway answered ${res.status}`, !retryable);
    },
  };
}

/** The transport the configuration names. */
export function transportFor(config: Config, log: Pick<FastifyBaseLogger, 'info'>): Transport {
  const n = config.notify;
  if (n.transport === 'http' && n.smsGatewayUrl && n.smsGatewaySecret) {
    return httpSmsTransport({ url: n.smsGatewayUrl, secret: n.smsGatewaySecret, signature: n.smsSignature });
  }
  return logTransport(log);
}
