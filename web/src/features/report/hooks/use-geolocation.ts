import { useCallback, useState } from 'react';

export type GeoState =
  | { status: 'idle' | 'locating' }
  | { status: 'located'; latitude: number; longitude: number; accuracy: number }
  | { status: 'denied' | 'unavailable' | 'unsupported' };

/**
 * The browser's position, asked for on demand (a tap), never on page load: the permission prompt
 * then comes when the worker expects it. Each failure has its own state so the page can say what
 * to do about it.
 */
export function useGeolocation() {
  const [state, setState] = useState<GeoState>({ status: 'idle' });
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'unsupported' });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) =>
        setState({
          status: 'located',
          // Six decimals is about 10 cm: more is noise, and the server keeps doubles.
          latitude: Number(pos.coords.latitude.toFixed(6)),
          longitude: Number(pos.coords.longitude.toFixed(6)),
          accuracy: Math.round(pos.coords.accuracy),
        }),
      (err) => setState({ status: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }, []);
  return { state, locate };
}
