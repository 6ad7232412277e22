// Live updates: the engine's events as server-sent events, read with fetch so the token header goes along when
// the server needs one. Any event makes the view reload what it shows (once, however many arrive together).
// While the stream is down, and wherever the server offers none, the view reloads every refreshInterval.

export function watch({url, headers, onEvent, onState}) {
  let stopped = false;
  let controller;
  const connect = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch(url, {headers: {Accept: 'text/event-stream', ...headers()}, signal: controller.signal,
          credentials: 'same-origin', cache: 'no-store'});
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        onState(true);
        await read(response.body, onEvent);
      } catch (e) {
        if (stopped) return;
      }
      onState(false);
      await new Promise(resolve => setTimeout(resolve, 3000));
    }
  };
  connect();
  return () => {
    stopped = true;
    if (controller) controller.abort();
  };
}

async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trimStart()).join('\n');
      if (data) {
        try {
          onEvent(JSON.parse(data));
        } catch (e) {
          // a frame that is no JSON is no event of ours
        }
      }
    }
  }
}
