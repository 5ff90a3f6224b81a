//! [`SceneId`]: the scene a verification must belong to. The client always sends it:
//! without it, a page could pass a parameter solved in another, easier scene.

use std::fmt;

/// The longest scene id accepted, in bytes (real ones are 8 characters).
pub const MAX_SCENE_ID_LEN: usize = 64;

/// A scene id from the Captcha console: not empty, at most [`MAX_SCENE_ID_LEN`] bytes of
/// printable ASCII without spaces.
///
/// ```
/// use captcha_verify::SceneId;
///
/// assert_eq!(SceneId::new("didk33e0").unwrap().as_str(), "didk33e0");
/// assert!(SceneId::new("").is_err());
/// assert!(SceneId::new("has space").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SceneId(String);

impl SceneId {
    /// Checks and wraps a scene id.
    pub fn new(scene_id: impl Into<String>) -> Result<Self, SceneIdError> {
        let scene_id = scene_id.into();
        if scene_id.is_empty() {
            return Err(SceneIdError("a scene id must not be empty"));
        }
        if scene_id.len() > MAX_SCENE_ID_LEN {
            return Err(SceneIdError("a scene id is at most 64 bytes long"));
        }
        if !scene_id.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err(SceneIdError(
                "a scene id holds only printable ASCII characters, without spaces",
            ));
        }
        Ok(SceneId(scene_id))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SceneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for SceneId {
    type Err = SceneIdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        SceneId::new(text)
    }
}

/// A scene id that cannot be used; says why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SceneIdError(&'static str);

impl fmt::Display for SceneIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for SceneIdError {}
