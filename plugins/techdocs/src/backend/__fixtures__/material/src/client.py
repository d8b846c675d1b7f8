import httpx

def create_order(sku: str) -> dict:
    return httpx.post("/orders", json={"sku": sku}).json()
