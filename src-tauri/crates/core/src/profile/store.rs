//! `profiles.json`: every profile and which one is active, written atomically. A missing file is
//! an empty store; a corrupt one is kept aside, never silently overwritten.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{AppError, ErrorCode, Result};
use crate::profile::Profile;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ProfilesFile {
    active: Option<String>,
    profiles: Vec<Profile>,
}

pub struct ProfileStore {
    path: PathBuf,
    file: ProfilesFile,
    /// The profile this process uses instead of the saved active one (a command's `--profile`);
    /// never written.
    session: Option<String>,
}

impl ProfileStore {
    /// Opens `profiles.json` in `dir`; a missing file is an empty store, a corrupt one is kept
    /// aside (never silently overwritten).
    pub fn open(dir: &Path) -> Result<Self> {
        let path = dir.join("profiles.json");
        let file = match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(f) => f,
                Err(_) => {
                    let aside = dir.join("profiles.json.corrupt");
                    let _ = std::fs::rename(&path, &aside);
                    ProfilesFile::default()
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ProfilesFile::default(),
            Err(e) => return Err(storage_error(&path, &e)),
        };
        Ok(Self {
            path,
            file,
            session: None,
        })
    }

    pub fn active(&self) -> Option<&Profile> {
        let id = self.session.as_deref().or(self.file.active.as_deref())?;
        self.file.profiles.iter().find(|p| p.id == id)
    }

    /// Uses the profile `id` for the rest of this process, leaving the saved active one as it is.
    pub fn use_for_this_run(&mut self, id: &str) {
        self.session = Some(id.to_string());
    }

    pub fn all(&self) -> &[Profile] {
        &self.file.profiles
    }

    pub fn set_active(&mut self, id: &str) -> Result<()> {
        if self.get(id).is_none() {
            return Err(AppError::new(
                ErrorCode::InvalidInput,
                format!("There is no profile '{id}'."),
            ));
        }
        self.file.active = Some(id.to_string());
        self.write()
    }

    pub fn remove(&mut self, id: &str) -> Result<()> {
        self.file.profiles.retain(|p| p.id != id);
        if self.file.active.as_deref() == Some(id) {
            self.file.active = self.file.profiles.first().map(|p| p.id.clone());
        }
        self.write()
    }

    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.file.profiles.iter().find(|p| p.id == id)
    }

    /// Renames a profile (active or not); the name is already checked.
    pub fn rename(&mut self, id: &str, name: &str) -> Result<()> {
        let Some(p) = self.file.profiles.iter_mut().find(|p| p.id == id) else {
            return Err(
                AppError::new(crate::error::ErrorCode::NotFound, "That profile no longer exists.")
                    .with_fix("Open the Profiles tab again to see the current list."),
            );
        };
        p.name = name.to_string();
        self.write()
    }

    /// Inserts or replaces a profile, makes it active (for this run only, when one was chosen for
    /// it) and writes the file atomically.
    pub fn save_active(&mut self, profile: Profile) -> Result<()> {
        match &mut self.session {
            Some(id) => *id = profile.id.clone(),
            None => self.file.active = Some(profile.id.clone()),
        }
        match self.file.profiles.iter_mut().find(|p| p.id == profile.id) {
            Some(slot) => *slot = profile,
            None => self.file.profiles.push(profile),
        }
        self.write()
    }

    fn write(&self) -> Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| storage_error(dir, &e))?;
        let bytes = serde_json::to_vec_pretty(&self.file).map_err(|e| AppError::internal(e.to_string()))?;
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, bytes).map_err(|e| storage_error(&tmp, &e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| storage_error(&self.path, &e))
    }
}

fn storage_error(path: &Path, e: &std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Storage,
        format!("Could not save settings to {}.", path.display()),
    )
    .with_fix("Check that your home folder has free space and is writable.")
    .with_detail(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::wizard::WizardStep;

    #[test]
    fn round_trip_and_corrupt_file_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = ProfileStore::open(dir.path()).unwrap();
        assert!(s.active().is_none());
        let mut p = Profile::new("default", "My tenant", false);
        p.step = WizardStep::Nylas;
        s.save_active(p.clone()).unwrap();
        let s2 = ProfileStore::open(dir.path()).unwrap();
        assert_eq!(s2.active(), Some(&p));
        std::fs::write(dir.path().join("profiles.json"), b"{oops").unwrap();
        let s3 = ProfileStore::open(dir.path()).unwrap();
        assert!(s3.active().is_none());
        assert!(dir.path().join("profiles.json.corrupt").exists());
    }

    #[test]
    fn a_profile_for_this_run_is_used_and_saved_but_not_made_the_apps() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = ProfileStore::open(dir.path()).unwrap();
        let org = Profile::new("org", "Fabrikam", false);
        s.save_active(Profile::new("demo", "Demo", true)).unwrap();
        s.save_active(org.clone()).unwrap();
        s.use_for_this_run("demo");
        let mut demo = s.active().unwrap().clone();
        assert_eq!(demo.id, "demo");
        demo.step = WizardStep::Result;
        s.save_active(demo.clone()).unwrap();
        let reopened = ProfileStore::open(dir.path()).unwrap();
        assert_eq!(reopened.active(), Some(&org), "the app keeps its own");
        assert_eq!(reopened.get("demo"), Some(&demo), "what the run changed is kept");
    }
}
