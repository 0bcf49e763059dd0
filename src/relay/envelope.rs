//! Where the message is: the raw SNS `Message`, an SNS HTTP(S) notification
//! (`{"Type": "Notification", "Message": …}`), or a Lambda SNS event
//! (`{"Records": [{"Sns": {"Message": …}}]}`, first record).

use serde_json::Value;

use super::DecodeError;

/// The message text inside `input`.
pub fn message(input: &str) -> Result<String, DecodeError> {
    let trimmed = input.trim_start();
    if !trimmed.starts_with('{') {
        return Ok(input.to_string());
    }
    let v: Value = serde_json::from_str(trimmed)
        .map_err(|e| DecodeError::NotContract(format!("the input is JSON but not valid: {e}")))?;
    let msg = if let Some(records) = v.get("Records") {
        records
            .get(0)
            .and_then(|r| r.get("Sns"))
            .and_then(|s| s.get("Message"))
            .ok_or_else(|| {
                DecodeError::NotContract("a Lambda event without Records[0].Sns.Message".into())
            })?
    } else {
        v.get("Message").ok_or_else(|| {
            DecodeError::NotContract(
                "JSON that is neither an SNS notification nor a Lambda SNS event".into(),
            )
        })?
    };
    msg.as_str()
        .map(String::from)
        .ok_or_else(|| DecodeError::NotContract("`Message` is not a string".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes() {
        assert_eq!(message("am2amp: 1\n").unwrap(), "am2amp: 1\n");
        assert_eq!(
            message(r#"{"Type":"Notification","Message":"am2amp: 1"}"#).unwrap(),
            "am2amp: 1"
        );
        assert_eq!(
            message(r#"{"Records":[{"EventSource":"aws:sns","Sns":{"Message":"x"}}]}"#).unwrap(),
            "x"
        );
        assert!(message(r#"{"Records":[]}"#).is_err());
        assert!(message("{not json").is_err());
    }
}
