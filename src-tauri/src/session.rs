//! Whether this session can show a window (a Linux session needs X11 or Wayland).

/// `false` on a Linux session without X11 or Wayland.
pub fn has_display() -> bool {
    let linux_like = cfg!(all(unix, not(target_os = "macos")));
    let has = |var: &str| std::env::var_os(var).is_some_and(|v| !v.is_empty());
    !linux_like || has("DISPLAY") || has("WAYLAND_DISPLAY")
}
