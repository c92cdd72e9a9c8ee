// A small W3C WebDriver client for the end-to-end tests: just what they use, over
// Node's fetch. tauri-driver sometimes drops a request ("Remote end closed
// connection"), so every request that fails at the transport is retried once.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {}

async function request(base, method, path, body) {
  const attempt = () =>
    fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let response;
  try {
    response = await attempt();
  } catch (dropped) {
    // Transport failure, not a WebDriver error: retry once.
    response = await attempt().catch((again) => {
      throw new WebDriverError(`${method} ${path}: ${again.cause?.message ?? again.message} (after a retry; first: ${dropped.cause?.message ?? dropped.message})`);
    });
  }
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(`${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok || (json.value && json.value.error)) {
    const value = json.value ?? {};
    const error = new WebDriverError(`${method} ${path}: ${value.error ?? response.status}: ${value.message ?? text.slice(0, 200)}`);
    error.code = value.error;
    throw error;
  }
  return json.value;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, capabilities) {
    const value = await request(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId);
  }

  call(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.call('DELETE', '');
  }

  /** Every element matching an XPath (no waiting). */
  async findAll(xpath) {
    const found = await this.call('POST', '/elements', { using: 'xpath', value: xpath });
    return found.map((e) => new Element(this, e[ELEMENT]));
  }

  /** The first element matching `xpath`, waiting up to `timeout` ms for it. */
  async find(xpath, { timeout = 10_000, visible = true, poll = 100 } = {}) {
    const deadline = Date.now() + timeout;
    let last = 'nothing matched';
    for (;;) {
      try {
        for (const element of await this.findAll(xpath)) {
          if (!visible || (await element.displayed())) return element;
          last = 'matched but not displayed';
        }
      } catch (error) {
        // The element may vanish between finding and asking (Svelte re-rendered).
        if (error.code !== 'stale element reference') throw error;
      }
      if (Date.now() > deadline) throw new WebDriverError(`no element for ${xpath} within ${timeout} ms (${last})`);
      await sleep(poll);
    }
  }

  /** Wait until no element matches. */
  async gone(xpath, { timeout = 10_000 } = {}) {
    const deadline = Date.now() + timeout;
    while ((await this.findAll(xpath)).length > 0) {
      if (Date.now() > deadline) throw new WebDriverError(`${xpath} still there after ${timeout} ms`);
      await sleep(100);
    }
  }

  async execute(script, args = []) {
    return this.call('POST', '/execute/sync', { script, args });
  }

  /** Resize the app window (its content follows, as when a person drags its edge). */
  async setWindowSize(width, height) {
    await this.call('POST', '/window/rect', { width, height });
  }

  /**
   * The page as drawn. Without accelerated compositing (the app turns it off:
   * src-tauri/src/webview_footprint.rs) WebKit takes the snapshot at the page's next
   * rendering update, and a still page makes none; so a repaint that changes no
   * pixel (a transparent outline, set and removed) is scheduled just after asking.
   */
  async screenshot() {
    await this.execute(
      `setTimeout(() => {
         const root = document.documentElement;
         root.style.setProperty('outline', '1px solid transparent');
         setTimeout(() => root.style.removeProperty('outline'), 100);
       }, 150);`,
    );
    return Buffer.from(await this.call('GET', '/screenshot'), 'base64');
  }

  async keys(text) {
    const active = await this.call('GET', '/element/active');
    await new Element(this, active[ELEMENT]).type(text);
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  call(method, path, body) {
    return this.session.call(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.call('POST', '/click', {});
  }

  type(text) {
    return this.call('POST', '/value', { text });
  }

  clear() {
    return this.call('POST', '/clear', {});
  }

  text() {
    return this.call('GET', '/text');
  }

  displayed() {
    return this.call('GET', '/displayed');
  }

  attribute(name) {
    return this.call('GET', `/attribute/${name}`);
  }
}

/** XPath literal for any text (handles both quote kinds). */
export function literal(text) {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return `concat('${text.split("'").join(`', "'", '`)}')`;
}

export const keys = { enter: '\uE007', escape: '\uE00C', down: '\uE015', up: '\uE013' };
