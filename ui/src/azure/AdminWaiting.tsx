// What the Azure screens show while the administrator signs in (browser link or device code).
import type { JSX } from "preact";
import { Waiting } from "../components/Waiting";
import { DeviceCode } from "./DeviceCode";
import type { JobHandle } from "../job/useJob";

/** While the administrator signs in: a title and the panel (this computer's browser has the
 * link, or another device the code), or `null` once the job no longer waits for them. */
export function adminWaiting(job: JobHandle): { title: string; panel: JSX.Element } | null {
  const cancel = job.cancel;
  if (job.device) {
    return {
      title: "Sign in as an administrator on another device",
      panel: <DeviceCode started={job.device} onCancel={cancel} />,
    };
  }
  if (job.signIn) {
    return {
      title: "Sign in as an administrator in your browser",
      panel: <Waiting started={job.signIn} ownApp={false} onCancel={cancel}
        what="Sign in as an administrator of your organization and choose Accept." />,
    };
  }
  return null;
}
