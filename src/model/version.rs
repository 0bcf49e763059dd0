//! Alertmanager versions, as far as config syntax and template functions are concerned.

use std::fmt;
use std::str::FromStr;

/// An Alertmanager minor version (`0.27`); patch releases never changed the config language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Major version (0).
    pub major: u16,
    /// Minor version.
    pub minor: u16,
}

impl Version {
    /// Alertmanager 0.25, the oldest version am2amp targets.
    pub const V0_25: Version = Version::new(0, 25);
    /// The default target: what AMP runs, as far as is known.
    pub const DEFAULT_TARGET: Version = Version::new(0, 27);
    /// The newest version whose syntax am2amp knows.
    pub const NEWEST: Version = Version::new(0, 34);

    /// A version from its parts.
    pub const fn new(major: u16, minor: u16) -> Self {
        Version { major, minor }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// Returned for a malformed version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an Alertmanager version (expected for example `0.27` or `0.27.0`)")]
pub struct BadVersion(pub String);

impl FromStr for Version {
    type Err = BadVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().trim_start_matches('v');
        let mut parts = t.split('.');
        let bad = || BadVersion(s.to_string());
        let major = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let minor = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        if let Some(patch) = parts.next() {
            patch.parse::<u16>().map_err(|_| bad())?;
        }
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(Version::new(major, minor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        assert_eq!("0.27".parse::<Version>().unwrap(), Version::new(0, 27));
        assert_eq!("v0.25.0".parse::<Version>().unwrap(), Version::V0_25);
        assert!("0.x".parse::<Version>().is_err());
        assert!(Version::V0_25 < Version::DEFAULT_TARGET);
    }
}
