#!/bin/sh
# A silo must advertise an address its peers and the web nodes can reach. In a container that is the
# container's own IP, known only at start: use the first address `hostname -i` prints, unless
# ScenarioEngine__AdvertisedAddress is already set. Then run the given command (the silo).
set -eu
if [ -z "${ScenarioEngine__AdvertisedAddress:-}" ]; then
  ScenarioEngine__AdvertisedAddress="$(hostname -i | cut -d' ' -f1)"
  export ScenarioEngine__AdvertisedAddress
fi
exec "$@"
