/** The events of `POST /api/tutor/messages`, in order: conversation, token…, then end or error. */
export type TutorEvent =
  | { event: 'conversation'; data: { conversationId: string } }
  | { event: 'token'; data: { text: string } }
  | {
      event: 'end';
      data: { messageId: string | null; provider: string; model: string; html: string };
    }
  | {
      event: 'error';
      data: { code: string; message: string; messageId: string | null };
    };

/** One server-sent event. */
export function encodeEvent({ event, data }: TutorEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Reads server-sent events from a stream of text chunks (the browser side, and tests). */
export async function* readEvents(chunks: AsyncIterable<string>): AsyncGenerator<TutorEvent> {
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk.replace(/\r\n/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (event && data) yield { event, data: JSON.parse(data) } as TutorEvent;
      end = buffer.indexOf('\n\n');
    }
  }
}
