// The site controller's outbox (issue 17 section 2). A tablet at a field site loses its network,
// and with it the Blazor circuit; a tap must not be lost with it. So the site-control page's
// buttons never go through the circuit: each tap becomes a command with an id made here, kept in
// localStorage (it survives a reload and a dead circuit), and POSTed in order until the server
// answers. The server applies an id once, so a command resent after a lost answer does nothing new.
(() => {
  const key = 'se.site-outbox';
  const load = () => {
    try {
      return JSON.parse(localStorage.getItem(key) || '[]');
    } catch {
      return [];
    }
  };
  const save = (items) => localStorage.setItem(key, JSON.stringify(items));
  // crypto.randomUUID needs a secure context; a tablet on plain LAN HTTP still has getRandomValues.
  const newId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const refused = [];
  let token = null;
  let running = false;
  let again = false;

  const page = () => document.querySelector('[data-testid="site-control"]');

  function render() {
    const section = page();
    const status = document.getElementById('site-outbox');
    if (!section || !status) {
      return;
    }
    const waiting = load().length;
    const lines = [waiting === 0 ? section.dataset.outboxEmpty : section.dataset.outboxWaiting.replace('{0}', String(waiting))];
    for (const reason of refused) {
      lines.push(section.dataset.outboxRefused.replace('{0}', reason));
    }
    status.textContent = lines.join(' · ');
    status.dataset.waiting = String(waiting);
    status.classList.toggle('waiting', waiting > 0);
  }

  async function antiforgery() {
    if (!token) {
      const response = await fetch('/api/site-control/antiforgery', { credentials: 'same-origin' });
      if (!response.ok) {
        throw new Error(`antiforgery ${response.status}`);
      }
      token = await response.json();
    }
    return token;
  }

  // One pass at a time, in order; a tap during a pass asks for one more pass after it.
  async function flush() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (const item of load()) {
          let response;
          try {
            const t = await antiforgery();
            response = await fetch(
              `/api/exercises/${encodeURIComponent(item.exercise)}/site-control/${encodeURIComponent(item.site)}/commands`,
              {
                method: 'POST',
                credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json', [t.headerName]: t.token },
                body: JSON.stringify(item.command),
              },
            );
          } catch {
            return; // offline: everything stays, in order, for the next pass
          }
          const problem = response.ok ? null : await response.json().catch(() => ({}));
          if (response.status === 403 && /antiforgery/i.test(problem?.title ?? '')) {
            token = null; // keys rotated or a new sign-in: fetch a fresh token next pass
            return;
          }
          if (response.status === 401 || response.status === 429 || response.status >= 500) {
            return; // signed out, throttled or the server unwell: keep it and try again later
          }
          if (!response.ok) {
            refused.push(problem?.detail || problem?.title || String(response.status));
          }
          save(load().filter((c) => c.command.commandId !== item.command.commandId));
          render();
        }
      } while (again);
    } finally {
      running = false;
      render();
      reloadIfCircuitGaveUp();
    }
  }

  // Blazor stops retrying after a long outage; once the server answers again, a reload brings a
  // fresh circuit (the outbox is in localStorage, so nothing queued is lost by it).
  function reloadIfCircuitGaveUp() {
    const banner = document.getElementById('components-reconnect-modal');
    if (banner && page() && load().length === 0 && navigator.onLine
      && (banner.classList.contains('components-reconnect-failed') || banner.classList.contains('components-reconnect-rejected'))) {
      fetch('/api/site-control/antiforgery', { credentials: 'same-origin' }).then((r) => r.ok && location.reload(), () => {});
    }
  }

  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-site-command]') : null;
    const card = button?.closest('[data-site-card]');
    if (!button || !card) {
      return;
    }
    event.preventDefault();
    if (button.hasAttribute('data-confirm') && !window.confirm(page()?.dataset.confirmStop ?? '')) {
      return;
    }
    const command = { commandId: newId(), kind: button.dataset.siteCommand };
    if (button.dataset.call) command.callId = button.dataset.call;
    if (button.dataset.team) command.teamId = button.dataset.team;
    if (button.dataset.signal) command.signalId = button.dataset.signal;
    if (command.kind === 'setState') command.state = card.querySelector('[data-state-select]')?.value;
    save([...load(), { exercise: card.dataset.exercise, site: card.dataset.site, command }]);
    render();
    flush();
  });

  window.addEventListener('online', flush);
  setInterval(() => {
    render();
    if (load().length > 0) flush();
    else reloadIfCircuitGaveUp();
  }, 3000);
  // The page is drawn by Blazor after this script runs; draw the status once it is there.
  new MutationObserver(() => {
    const status = document.getElementById('site-outbox');
    if (status && !status.textContent) render();
  }).observe(document.documentElement, { childList: true, subtree: true });
  flush();
})();
