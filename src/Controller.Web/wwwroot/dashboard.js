// The web nodes sit behind a round-robin balancer without sticky sessions (deploy/nginx), like the
// phones: the circuit opens its WebSocket at once, with no negotiate request that could reach
// another node than the socket does.
Blazor.start({
  circuit: {
    configureSignalR: builder => builder.withUrl(new URL('_blazor', document.baseURI).href, { skipNegotiation: true, transport: 1 }),
  },
});

// The delivery matrix puts in the page only the team columns its scroller shows (Matrix.razor). At 200
// teams, painting and layering every column of every visible row on each board held the page's main
// thread for a second and more (bench: control-room). Columns come in chunks, so a scroll calls back
// only when it brings a new chunk into view.
window.matrixColumns = {
  watch(scroller, component, firstRem, columnRem, columns, chunk) {
    window.matrixColumns.unwatch(scroller);
    let shown = '';
    let frame = 0;
    const report = () => {
      frame = 0;
      const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const width = columnRem * rem;
      const left = Math.max(0, scroller.scrollLeft - firstRem * rem);
      const start = Math.max(0, (Math.floor(left / width / chunk) - 1) * chunk);
      const end = Math.min(columns, (Math.ceil((left + scroller.clientWidth) / width / chunk) + 1) * chunk);
      if (`${start}:${end}` !== shown) {
        shown = `${start}:${end}`;
        // Lost with a dropped circuit: forget it, so the next scroll or resize says it again.
        component.invokeMethodAsync('ShowColumns', start, end).catch(() => {
          shown = '';
        });
      }
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(report);
    };
    const resized = new ResizeObserver(schedule);
    scroller.addEventListener('scroll', schedule, { passive: true });
    resized.observe(scroller);
    scroller.matrixColumnsStop = () => {
      scroller.removeEventListener('scroll', schedule);
      resized.disconnect();
      cancelAnimationFrame(frame);
    };
    report();
  },
  unwatch(scroller) {
    scroller?.matrixColumnsStop?.();
  },
};
