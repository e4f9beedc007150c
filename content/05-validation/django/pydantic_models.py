"""Chapter 5's body as a Pydantic 2 model, and the FastAPI route that
validates with it. Executed by test/django/tests/test_05_drf_pydantic.py
(Pydantic through model_validate, FastAPI through its TestClient).
"""
from typing import Literal

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field


# region pydantic
class CreateInvoice(BaseModel):
    # Pydantic's defaults are lax and ignore unknown keys; this is the
    # same decision as z.strictObject with strict pieces.
    model_config = ConfigDict(strict=True, extra="forbid")

    customer_id: int = Field(ge=1, le=2**63 - 1)  # a bigint id
    amount_cents: int = Field(ge=1, le=100_000_000)
    currency: Literal["EUR", "USD", "GBP"]
    memo: str = Field(default="", max_length=500)


app = FastAPI()


@app.post("/invoices", status_code=201)
def create_invoice(body: CreateInvoice):  # a bad body never gets here: 422
    return {"status": "draft", **body.model_dump()}
# endregion
