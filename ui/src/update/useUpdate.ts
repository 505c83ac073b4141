// New versions: a look by the app itself a few seconds after the first screen (then hourly, the
// core deciding when a day has passed), a look on request from About, and the install.
import { useEffect, useState } from "preact/hooks";
import { api, asAppError, Channel } from "../api";
import type { AppError } from "../bindings/AppError";
import type { JobEvent } from "../bindings/JobEvent";
import type { Progress } from "../bindings/Progress";
import type { UpdateOffer } from "../bindings/UpdateOffer";

/** The first look waits this long after the first screen, so it never slows the start. */
export const FIRST_LOOK_MS = 4000;
const HOUR_MS = 3600 * 1000;

export type Installing = { progress: Progress | null; verified: string | null; error: AppError | null; running: boolean };
const notInstalling: Installing = { progress: null, verified: null, error: null, running: false };

export function useUpdate() {
  const [offer, setOffer] = useState<UpdateOffer | null>(null);
  const [bannerShown, setBannerShown] = useState(false);
  const [installing, setInstalling] = useState<Installing>(notInstalling);

  const offered = (o: UpdateOffer | null) => {
    setOffer(o);
    setBannerShown(!!o);
    setInstalling(notInstalling);
  };

  useEffect(() => {
    // A look the app makes by itself says nothing when it fails (the core logs it); "Check for
    // updates" on About says what fails.
    const look = () => api.checkForUpdate(true).then((o) => o && offered(o), () => undefined);
    const first = setTimeout(look, FIRST_LOOK_MS);
    const hourly = setInterval(look, HOUR_MS);
    return () => { clearTimeout(first); clearInterval(hourly); };
  }, []);

  /** Looks now; the banner shows what it found. Throws what went wrong. */
  const check = async () => {
    const o = await api.checkForUpdate(false);
    offered(o);
    return o;
  };

  const install = async () => {
    setInstalling({ ...notInstalling, running: true });
    const events = new Channel<JobEvent>();
    events.onmessage = (e) => {
      if (e.event === "progress") setInstalling((i) => ({ ...i, progress: e.data }));
      if (e.event === "step") setInstalling((i) => ({ ...i, verified: e.data.text }));
    };
    try {
      await api.installUpdate(events); // on success the app restarts before this returns
    } catch (e) {
      const error = asAppError(e);
      // Cancelled: back to the offer, as before the download.
      setInstalling(error.code === "cancelled" ? notInstalling : (i) => ({ ...i, error, running: false }));
    }
  };

  const cancel = () => api.cancelUpdate();
  return { offer, bannerShown, installing, check, install, cancel, later: () => setBannerShown(false) };
}

export type UpdateHandle = ReturnType<typeof useUpdate>;
