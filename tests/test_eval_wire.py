"""scripts/eval_wire.py: its design switches are the measurement scripts' shared ones."""

from __future__ import annotations

import pytest
from helpers import script


def test_an_unknown_constant_is_a_usage_error(capsys):
    wire = script("eval_wire")
    with pytest.raises(SystemExit) as exc:
        wire.main(["--set", "NO_SUCH_CONSTANT=1"])
    assert exc.value.code == 2 and "no constant NO_SUCH_CONSTANT" in capsys.readouterr().err


def test_model_selects_the_encoder_folder(tmp_path, monkeypatch):
    wire = script("eval_wire")
    from chronicle.learned import encoder

    monkeypatch.setattr(encoder, "MODEL_DIR", encoder.MODEL_DIR)
    with pytest.raises(SystemExit):  # stops at the missing scorer, after the design is chosen
        wire.main(["--model", str(tmp_path), "--shared", str(tmp_path / "nowhere")])
    assert tmp_path == encoder.MODEL_DIR
