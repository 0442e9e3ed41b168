// The web nodes sit behind a round-robin balancer without sticky sessions (deploy/nginx), like the
// phones: the circuit opens its WebSocket at once, with no negotiate request that could reach
// another node than the socket does.
Blazor.start({
  circuit: {
    configureSignalR: builder => builder.withUrl(new URL('_blazor', document.baseURI).href, { skipNegotiation: true, transport: 1 }),
  },
});
