//! Logging: warnings to the terminal (or what `MAILBOX_CONNECT_LOG` asks for), and info and above
//! to a daily file in the OS's log folder (seven days kept), so support staff have something to
//! read on systems without a terminal. Every file line is redacted as the diagnostics bundle is.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use mailbox_connect_core::services::redact;
use tracing_appender::non_blocking::{NonBlocking, WorkerGuard};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Starts logging; keep the guard alive until exit (it flushes the file).
pub fn init(log_dir: Option<&Path>) -> Option<WorkerGuard> {
    // Colours only for a terminal: a pipe or a file gets plain text.
    let terminal = tracing_subscriber::fmt::layer()
        .with_ansi(io::stderr().is_terminal())
        .with_writer(io::stderr)
        // The updater's own error lines would repeat what the app says about the same failure.
        .with_filter(
            EnvFilter::try_from_env("MAILBOX_CONNECT_LOG").unwrap_or_else(|_| "warn,tauri_plugin_updater=off".into()),
        );
    let (file, guard) = match log_dir.map(open_file) {
        Some(Ok((writer, guard))) => (Some(writer), Some(guard)),
        Some(Err(e)) => {
            eprintln!("Mailbox Connect cannot write its log file: {e}");
            (None, None)
        }
        None => (None, None),
    };
    let file = file.map(|w| {
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(Redacting(w))
            .with_filter(EnvFilter::new(
                "info,mailbox_connect=info,hyper=warn,reqwest=warn,tao=warn,wry=warn",
            ))
    });
    let _ = tracing_subscriber::registry().with(terminal).with(file).try_init();
    guard
}

fn open_file(dir: &Path) -> Result<(NonBlocking, WorkerGuard), String> {
    // The appender prunes old files when built, and says so on stderr if the folder is missing.
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("mailbox-connect")
        .filename_suffix("log")
        .max_log_files(7)
        .build(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(tracing_appender::non_blocking(appender))
}

/// Redacts each formatted event (the fmt layer writes one event per `write`).
struct Redacting<W>(W);

impl<'a, W: MakeWriter<'a>> MakeWriter<'a> for Redacting<W> {
    type Writer = RedactingWriter<W::Writer>;
    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter(self.0.make_writer())
    }
}

struct RedactingWriter<W>(W);

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_all(redact(&String::from_utf8_lossy(buf)).as_bytes())?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_lines_are_redacted() {
        let mut out = Vec::new();
        RedactingWriter(&mut out)
            .write_all(b"key nyk_v0_sandbox_demo_key_0123456789abcdefghijklmnop for adele.vance@contoso.com\n")
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains("nyk_v0") && !text.contains("adele.vance"), "{text}");
        assert!(
            text.contains("<redacted>") && text.contains("a***@contoso.com"),
            "{text}"
        );
    }
}
